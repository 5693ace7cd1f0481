package io.aisprint.gpu;

/** Decides, at one rescheduling point, which jobs run where and which wait. */
public interface SchedulingPolicy {

    /** Short name as used on the command line and in the web service ("RG", "EDF", ...). */
    String name();

    /** True when running jobs may be moved, resized or sent back to the queue. */
    boolean preemptive();

    Plan schedule(SchedulingProblem problem);
}
