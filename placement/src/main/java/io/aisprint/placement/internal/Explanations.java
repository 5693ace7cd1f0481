package io.aisprint.placement.internal;

import java.util.Locale;

/** Turns the evaluator's first broken rule into a sentence a user understands. */
public final class Explanations {
    private Explanations() {
    }

    /** Drops trailing zeros of fixed-precision numbers ("0.7500 s" → "0.75 s"). */
    public static String tidy(String message) {
        return message.replaceAll("(\\d\\.\\d*?)0+(?=\\D|$)", "$1").replaceAll("(\\d)\\.(?=\\D|$)", "$1");
    }

    public static String describe(CompiledProblem p, Evaluator e, Assignment a) {
        return tidy(rawDescription(p, e, a));
    }

    private static String rawDescription(CompiledProblem p, Evaluator e, Assignment a) {
        int i = e.violationIndex;
        return switch (e.violation) {
            case NONE -> "";
            case INCOMPATIBLE -> "partition " + p.componentName[p.slotComponent[i]] + "/" + p.slotPartition[i]
                    + " is placed on a resource it is not compatible with";
            case TWO_TYPES_IN_LAYER -> "layer " + p.layerName[i] + " uses more than one resource type; at most one is allowed";
            case INSTANCE_BOUNDS -> "resource " + p.resource[i].name() + " uses " + a.instances[i]
                    + " instances; expected 1 to " + p.maxInstances[i];
            case MOVE_BACK_TO_EDGE -> "component " + p.componentName[i]
                    + " runs on an edge device after a partition of it or of a predecessor ran in the cloud or on FaaS";
            case NO_NETWORK_PATH -> "component " + p.componentName[i]
                    + " sends data between layers that share no network domain";
            case MEMORY -> String.format(Locale.ROOT, "resource %s needs %.0f MB but has %.0f MB", p.resource[i].name(),
                    e.memoryUsed[i], p.isFaas[i] ? p.memoryCapacity[i]
                            : p.memoryCapacity[i] * (p.semantics.memoryScalesWithInstances() ? a.instances[i] : 1));
            case SATURATED -> String.format(Locale.ROOT, "resource %s is saturated (utilisation %.2f ≥ 1 on %d instances)",
                    p.resource[i].name(), e.utilization[i], a.instances[i]);
            case LOCAL_CONSTRAINT -> String.format(Locale.ROOT, "component %s takes %.4g s, above its local limit %.4g s",
                    p.componentName[i], e.componentTime[i], p.localLimit[i]);
            case GLOBAL_CONSTRAINT -> String.format(Locale.ROOT, "path %s takes %.4g s, above its global limit %.4g s",
                    p.pathName[i], e.pathTime[i], p.pathLimit[i]);
        };
    }
}
