package io.aisprint.model.io;

import static io.aisprint.model.io.KeySchema.keys;
import static io.aisprint.model.io.KeySchema.list;
import static io.aisprint.model.io.KeySchema.named;

/**
 * The keys of a SPACE4AI-D system description JSON, all three format generations (placement
 * reference 1.1–1.2), and of its solution JSON (1.4). The performance entries depend on their
 * {@code model} and are checked by {@link PerformanceModels}.
 */
final class SystemKeySchemas {
    private SystemKeySchemas() {
    }

    private static final KeySchema NODE_RESOURCES = named(named(keys("description", "number", "cost", "memory", "n_cores")));

    /** A FaaS layer holds its functions and, in some files, its {@code transition_cost} (a number, no keys). */
    private static final KeySchema FAAS_RESOURCES = named(named(keys("description", "cost", "memory", "idle_time_before_kill")));

    /**
     * Format G2 and G3 partitions. {@code stop_probability} is the G2 files' older name for the
     * early-exit probability (Python {@code Temp_files}); the tools never read it, nor do we.
     */
    private static final KeySchema PARTITION = keys("next", "data_size", "early_exit_probability", "memory")
            .ignoring("stop_probability");

    /** Names of resources (G1, G2) or {@code {resource, memory}} entries (G3). */
    private static final KeySchema COMPATIBILITY = named(named(list(keys("resource", "memory"))));

    private static final KeySchema COMMON = keys("Lambda", "Time", "transition_cost")
            // the Python tool's RG-MaskDetection.json misspells LocalConstraints; every SPACE4AI-D tool ignores it
            .ignoring("LobalConstraints")
            .with("DirectedAcyclicGraph", named(keys("next", "transition_probability", "data_size")))
            .with("EdgeResources", NODE_RESOURCES)
            .with("CloudResources", NODE_RESOURCES)
            .with("FaaSResources", FAAS_RESOURCES)
            .with("NetworkTechnology", named(keys("computationallayers", "computationalLayers", "AccessDelay", "Bandwidth")))
            .with("LocalConstraints", named(keys("local_res_time")))
            .with("GlobalConstraints", named(keys("components", "global_res_time")))
            .with("DataTransfer", named(keys("next", "data_size")))
            .with("Performance", named(named(named(KeySchema.FREE))))
            .with("DemandMatrix", named(named(KeySchema.FREE)));

    /** Formats G2 and G3: components → deployments → partitions. */
    static final KeySchema SYSTEM = COMMON.with("Components", named(named(named(PARTITION))))
            .with("CompatibilityMatrix", COMPATIBILITY);

    /** Format G1: a component is one piece with its memory, compatible with a flat list of resources. */
    static final KeySchema FIRST_GENERATION_SYSTEM = COMMON.with("Components", named(keys("memory")))
            .with("CompatibilityMatrix", KeySchema.FREE);

    /** A resource entry of a solution: what the C++ tool writes for a node and for a FaaS configuration. */
    static final KeySchema SOLUTION_RESOURCE = keys("description", "cost", "memory", "number", "idle_time_before_kill",
            "transition_cost");

    /**
     * The fixed levels of a solution. Components, deployments, partitions and layers are the
     * system's own names, checked against the system by the reader. {@code global_res_time} is
     * what the Python tool writes for the path limit.
     */
    static final KeySchema SOLUTION = keys("Lambda", "total_cost", "feasible")
            .with("components", KeySchema.FREE)
            .with("global_constraints", named(keys("components", "path_response_time", "path_response_time_threshold",
                    "global_res_time")));
}
