package io.aisprint.gpu;

import io.aisprint.gpu.internal.PlanEvaluation;
import java.util.Map;

/** Cost arithmetic of a given plan, as each method estimates it (see {@link Proxy}). */
public final class PlanCost {
    private PlanCost() {
    }

    /** The proxy cost of running the given assignments (jobs not assigned wait). */
    public static double estimate(SchedulingProblem problem, Map<String, Assignment> assignments, Proxy proxy) {
        return PlanEvaluation.cost(problem, assignments, proxy);
    }

    /** Seconds to the first expected completion of the given assignments. */
    public static double horizon(SchedulingProblem problem, Map<String, Assignment> assignments) {
        return PlanEvaluation.horizon(problem, assignments);
    }
}
