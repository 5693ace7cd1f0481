package io.aisprint.gpu;

import io.aisprint.gpu.internal.FirstPrinciplePolicy;
import io.aisprint.gpu.internal.OptimizerPolicy;
import java.util.List;
import java.util.Locale;

/** Creates scheduling policies by name. */
public final class Policies {
    /** Names accepted by {@link #create}. */
    public static final List<String> NAMES = List.of("G", "RG", "LS", "PR", "FIFO", "EDF", "PS");

    private Policies() {
    }

    /**
     * G: greedy; RG: randomized greedy; LS: RG then local search on the elite pool; PR: LS then
     * path relinking; FIFO, EDF, PS (Priority): the non-preemptive first-principle baselines.
     * A "_sim" suffix (the reference service's simulation mode) is accepted and ignored.
     */
    public static SchedulingPolicy create(String name, OptimizerOptions options) {
        String key = name.toUpperCase(Locale.ROOT).replaceFirst("_SIM$", "");
        return switch (key) {
            case "G", "GREEDY" -> new OptimizerPolicy("G", options, false, false, false);
            case "RG", "RANDOMGREEDY" -> new OptimizerPolicy("RG", options, true, false, false);
            case "LS", "LOCALSEARCH" -> new OptimizerPolicy("LS", options, true, true, false);
            case "PR", "PATHRELINKING" -> new OptimizerPolicy("PR", options, true, true, true);
            case "FIFO" -> FirstPrinciplePolicy.fifo();
            case "EDF" -> FirstPrinciplePolicy.edf();
            case "PS", "PRIORITY" -> FirstPrinciplePolicy.priority();
            default -> throw new GpuException(ErrorCode.UNKNOWN_METHOD,
                "Unknown scheduling method '" + name + "'; expected one of " + NAMES + ".");
        };
    }
}
