package io.aisprint.placement;

import io.aisprint.model.SystemDescription;
import io.aisprint.placement.internal.CompiledProblem;
import io.aisprint.placement.internal.InfeasibilityReasons;
import java.util.List;

/**
 * Says why a system has no feasible placement, in user terms: the limits that no option meets even
 * alone, partitions that no resource can hold or serve, and consecutive partitions whose candidate
 * layers share no network domain. The reasoning over the compiled problem lives in
 * {@code internal.InfeasibilityReasons}.
 */
public final class InfeasibilityExplainer {
    private InfeasibilityExplainer() {
    }

    /** The reasons {@code system} has no feasible placement at load {@code lambda}, one sentence each. */
    public static List<String> explain(SystemDescription system, double lambda, Semantics semantics) {
        return InfeasibilityReasons.explain(CompiledProblem.compile(system, lambda, semantics));
    }
}
