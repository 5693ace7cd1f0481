package io.aisprint.gpu;

import java.util.List;
import java.util.Map;

/**
 * A what-if run: the cluster, its costs, and the jobs that will arrive. Each trace job carries
 * what only the simulator knows: the share of its epochs it really runs before early stopping,
 * and its true profile when the scheduler must profile it first.
 */
public record Scenario(List<Node> nodes, CostModel costs, List<TraceJob> jobs) {

    /** A job of the trace with its hidden ground truth. */
    public record TraceJob(Job job, double stopShare, Map<Configuration, Double> trueSecondsPerEpoch) {
        public TraceJob {
            if (!(stopShare > 0 && stopShare <= 1)) {
                throw new GpuException(ErrorCode.INVALID_INPUT,
                    "Job " + job.id() + " has stopShare=" + stopShare + "; expected a share in (0, 1].");
            }
            trueSecondsPerEpoch = Map.copyOf(trueSecondsPerEpoch.isEmpty() ? job.secondsPerEpoch() : trueSecondsPerEpoch);
        }

        public static TraceJob of(Job job) {
            return new TraceJob(job, 1.0, job.secondsPerEpoch());
        }
    }

    public Scenario {
        nodes = List.copyOf(nodes);
        jobs = List.copyOf(jobs);
        if (nodes.isEmpty()) {
            throw new GpuException(ErrorCode.MISSING_NODES, "The scenario has no nodes; expected at least one GPU node.");
        }
    }
}
