package io.aisprint.model.validate;

import java.util.List;

/**
 * What a validation problem is about, in model terms; a {@link Locator} turns it into a file and
 * a place in that file, because the same model is read from different formats.
 *
 * @param kind  the kind of model element
 * @param names the names that identify it, outermost first (e.g. component, partition, resource)
 */
public record Subject(Kind kind, List<String> names) {

    /** Model elements a problem can be attached to. */
    public enum Kind {
        /** The whole system (no names). */
        SYSTEM,
        /** The DAG as a whole (no names). */
        DAG,
        /** A component's outgoing transitions (component). */
        DAG_NODE,
        /** One transition (from, to). */
        DAG_EDGE,
        /** A component (component). */
        COMPONENT,
        /** A deployment (component, deployment). */
        DEPLOYMENT,
        /** A partition (component, deployment, partition). */
        PARTITION,
        /** A compatibility entry (component, deployment, partition, resource). */
        COMPATIBILITY,
        /** A performance declaration (component, partition, resource). */
        PERFORMANCE,
        /** A computational layer (layer). */
        LAYER,
        /** A resource (layer, resource). */
        RESOURCE,
        /** A network domain (domain). */
        NETWORK_DOMAIN,
        /** A local constraint (component). */
        LOCAL_CONSTRAINT,
        /** A global constraint (path name). */
        GLOBAL_CONSTRAINT,
        /** The workload λ (no names). */
        LAMBDA,
        /** The cost horizon (no names). */
        TIME
    }

    public Subject {
        names = List.copyOf(names);
    }

    public static Subject of(Kind kind, String... names) {
        return new Subject(kind, List.of(names));
    }

    public String name(int index) {
        return names.get(index);
    }
}
