package io.aisprint.placement;

import io.aisprint.model.Placement;
import java.util.List;
import java.util.Optional;

/**
 * What a design run found.
 *
 * @param best           the cheapest feasible placement, empty when none was found
 * @param elite          distinct feasible placements, cheapest first
 * @param statistics     effort spent
 * @param provedOptimal  whether the exact search finished, so {@code best} is optimal (or, when
 *                       empty, the system is proved infeasible)
 * @param lowerBound     a proved lower bound on the optimal cost (NaN when no exact search ran)
 * @param explanation    when nothing feasible was found, why, in user terms (empty otherwise)
 */
public record DesignResult(
        Optional<Placement> best,
        List<Placement> elite,
        Statistics statistics,
        boolean provedOptimal,
        double lowerBound,
        List<String> explanation) {

    public DesignResult {
        elite = List.copyOf(elite);
        explanation = List.copyOf(explanation);
    }

    /** Search effort. */
    public record Statistics(
            SearchMethod method,
            int threads,
            long constructions,
            long feasibleConstructions,
            long moveEvaluations,
            long evaluations,
            long exactNodes,
            double elapsedSeconds) {
    }
}
