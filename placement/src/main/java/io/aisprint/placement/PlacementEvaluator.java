package io.aisprint.placement;

import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.placement.internal.Assignment;
import io.aisprint.placement.internal.CompiledProblem;
import io.aisprint.placement.internal.Conversions;
import io.aisprint.placement.internal.Evaluator;
import io.aisprint.placement.internal.Explanations;

/**
 * Evaluates a given placement exactly: response times of partitions, components and paths, every
 * feasibility rule and the cost, at the placement's load (or another one).
 */
public final class PlacementEvaluator {
    private PlacementEvaluator() {
    }

    /** The outcome: the evaluated placement and, when infeasible, the first broken rule in words. */
    public record Evaluation(Placement placement, boolean feasible, String firstViolation) {
    }

    public static Evaluation evaluate(SystemDescription system, Placement placement, double lambda, Semantics semantics) {
        CompiledProblem problem = CompiledProblem.compile(system, lambda, semantics);
        Assignment assignment = Conversions.toAssignment(problem, placement);
        Evaluator evaluator = new Evaluator(problem);
        boolean feasible = evaluator.evaluate(assignment, false);
        Placement evaluated = Conversions.toPlacement(evaluator, assignment, feasible);
        return new Evaluation(evaluated, feasible, feasible ? "" : Explanations.describe(problem, evaluator, assignment));
    }

    public static Evaluation evaluate(SystemDescription system, Placement placement) {
        return evaluate(system, placement, placement.lambda(), Semantics.cpp());
    }
}
