package io.aisprint.gpu.internal;

import io.aisprint.gpu.Assignment;
import io.aisprint.gpu.ErrorCode;
import io.aisprint.gpu.GpuException;
import io.aisprint.gpu.Proxy;
import io.aisprint.gpu.SchedulingProblem;
import java.util.Arrays;
import java.util.Map;

/** Evaluates a public plan with the search's evaluator. */
public final class PlanEvaluation {
    private PlanEvaluation() {
    }

    public static double cost(SchedulingProblem problem, Map<String, Assignment> assignments, Proxy proxy) {
        Instance instance = new Instance(problem);
        return new Evaluator(instance, proxy).cost(solution(instance, assignments));
    }

    public static double horizon(SchedulingProblem problem, Map<String, Assignment> assignments) {
        Instance instance = new Instance(problem);
        return new Evaluator(instance, Proxy.MYOPIC).horizon(solution(instance, assignments));
    }

    private static Solution solution(Instance instance, Map<String, Assignment> assignments) {
        Solution solution = new Solution(instance);
        for (int j = 0; j < instance.jobCount; j++) {
            Assignment assignment = assignments.get(instance.jobs[j].id());
            if (assignment == null) {
                continue;
            }
            int candidate = Arrays.asList(instance.candidates[j]).indexOf(assignment.configuration());
            int node = -1;
            for (int i = 0; i < instance.nodeCount; i++) {
                if (instance.nodes[i].id().equals(assignment.nodeId())) {
                    node = i;
                }
            }
            if (candidate < 0 || node < 0 || !instance.nodes[node].gpuType().equals(assignment.configuration().gpuType())
                || !solution.fits(j, candidate, node)) {
                throw new GpuException(ErrorCode.INVALID_INPUT, "Job " + assignment.jobId() + " cannot run on node "
                    + assignment.nodeId() + " in " + assignment.configuration() + ": unknown node or configuration, or not enough free GPUs.");
            }
            solution.assign(j, candidate, node);
        }
        return solution;
    }
}
