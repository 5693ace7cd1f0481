package io.aisprint.gpu;

/**
 * A job and how much of it is done (0 to 1 of its epochs), as the scheduler sees it.
 *
 * @param reserveSeconds time the job may still need after its planned epochs, on its fastest
 *     configuration (early-stopping planning); due dates are checked against remaining time
 *     plus this reserve, so a job that does not stop early can still switch and be on time
 */
public record JobState(Job job, double completed, double reserveSeconds) {
    public JobState(Job job, double completed) {
        this(job, completed, 0);
    }

    public JobState {
        if (completed < 0 || completed > 1) {
            throw new GpuException(ErrorCode.INVALID_INPUT,
                "Job " + job.id() + " has completed=" + completed + "; expected a share from 0 to 1.");
        }
    }

    public String id() {
        return job.id();
    }

    /** Expected seconds left in a configuration. */
    public double remainingSeconds(Configuration configuration) {
        return job.totalSeconds(configuration) * (1 - completed);
    }
}
