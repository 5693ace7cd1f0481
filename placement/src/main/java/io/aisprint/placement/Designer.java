package io.aisprint.placement;

import io.aisprint.model.SystemDescription;
import io.aisprint.placement.internal.DefaultDesigner;

/** Finds the cheapest placement of an application on a continuum that meets every limit. */
public interface Designer {
    /** Designs {@code system} at its own load λ. */
    DesignResult design(SystemDescription system, DesignOptions options);

    /** Designs {@code system} at load {@code lambda}. */
    default DesignResult design(SystemDescription system, double lambda, DesignOptions options) {
        return design(system.withLambda(lambda), options);
    }

    static Designer create() {
        return new DefaultDesigner();
    }
}
