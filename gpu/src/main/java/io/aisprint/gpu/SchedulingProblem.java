package io.aisprint.gpu;

import java.util.List;
import java.util.Map;

/**
 * What the optimizer decides on at one rescheduling point.
 *
 * @param now current time in seconds
 * @param jobs every submitted, unfinished, profiled job with its progress
 * @param nodes the cluster (or, in the cloud, the VM slots)
 * @param costs energy table or VM catalogue
 * @param running where jobs run now; preemptive methods may move them, the first-principle
 *     baselines keep them in place
 */
public record SchedulingProblem(double now, List<JobState> jobs, List<Node> nodes, CostModel costs,
                                Map<String, Assignment> running) {
    public SchedulingProblem {
        jobs = List.copyOf(jobs);
        nodes = List.copyOf(nodes);
        running = Map.copyOf(running);
    }
}
