package io.aisprint.placement;

import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.placement.internal.Assignment;
import io.aisprint.placement.internal.CompiledProblem;
import io.aisprint.placement.internal.Conversions;
import io.aisprint.placement.internal.Evaluator;

/**
 * The maximum sustainable load of a placement (placement reference §3.4 BinarySearch): keep its
 * deployments and partition placement, give every used cluster its largest size, and bisect λ
 * until the bracket is narrower than ε. Response times grow with λ on queues, so feasibility is
 * (nearly) monotone; FaaS times fall slightly with λ, which bisection ignores as the reference does.
 */
public final class MaximumLoad {
    private static final int MAX_DOUBLINGS = 60;

    private MaximumLoad() {
    }

    /** The result: the largest feasible λ found (0 when infeasible even at the lower end) and the bracket. */
    public record Result(double lambda, double lower, double upper, int evaluations, Placement atLimit) {
    }

    public static Result of(SystemDescription system, Placement placement, Semantics semantics, double epsilon) {
        if (!(epsilon > 0)) {
            throw new PlacementException("the bisection tolerance must be positive, got " + epsilon);
        }
        int[] evaluations = {0};
        double lower = 0.0;
        double upper = Math.max(placement.lambda(), 1e-3);
        if (!feasible(system, placement, semantics, 1e-9, evaluations)) {
            return new Result(0.0, 0.0, 0.0, evaluations[0], null);
        }
        int doublings = 0;
        while (feasible(system, placement, semantics, upper, evaluations)) {
            lower = upper;
            upper *= 2;
            if (++doublings > MAX_DOUBLINGS) {
                throw new PlacementException("the placement stays feasible at λ = " + lower
                        + " req/s; its load is unbounded (no queue limits it)");
            }
        }
        while (upper - lower > epsilon) {
            double middle = (lower + upper) / 2;
            if (feasible(system, placement, semantics, middle, evaluations)) {
                lower = middle;
            } else {
                upper = middle;
            }
        }
        return new Result(lower, lower, upper, evaluations[0], largestClusters(system, placement, semantics, lower));
    }

    /** The placement with every used cluster at its largest size, evaluated at {@code lambda}. */
    private static Placement largestClusters(SystemDescription system, Placement placement, Semantics semantics,
            double lambda) {
        CompiledProblem problem = CompiledProblem.compile(system, lambda, semantics);
        Assignment assignment = Conversions.toAssignmentAtLargestSize(problem, placement);
        Evaluator evaluator = new Evaluator(problem);
        boolean feasible = evaluator.evaluate(assignment, false);
        return Conversions.toPlacement(evaluator, assignment, feasible);
    }

    private static boolean feasible(SystemDescription system, Placement placement, Semantics semantics, double lambda,
            int[] evaluations) {
        evaluations[0]++;
        CompiledProblem problem = CompiledProblem.compile(system, lambda, semantics);
        return new Evaluator(problem).evaluate(Conversions.toAssignmentAtLargestSize(problem, placement));
    }
}
