package io.aisprint.gpu;

import java.util.List;
import java.util.Map;

/**
 * The optimizer's answer: where each job runs now (jobs left out wait), the estimated cost the
 * method minimised, and the look-ahead horizon (seconds to the first expected completion).
 */
public record Plan(Map<String, Assignment> assignments, List<String> postponed, double estimatedCost,
                   double horizonSeconds) {
    public Plan {
        assignments = Map.copyOf(assignments);
        postponed = List.copyOf(postponed);
    }
}
