package io.aisprint.model.io;

import static io.aisprint.model.io.KeySchema.keys;
import static io.aisprint.model.io.KeySchema.named;

import java.util.Map;

/**
 * The keys of every YAML file of an AI-SPRINT application directory, as the AI-SPRINT tools
 * define them (programming-model reference, B.2–B.5) plus ours ({@code performance.yaml}).
 * Keys the tools define but aisprint does not read are allowed; blocks that belong to other
 * tools (processors, accelerators, physical access data) are free.
 */
final class ApplicationKeySchemas {
    private ApplicationKeySchemas() {
    }

    static final KeySchema DAG = keys().with("System",
        keys("name", "components", "dependencies", "alternative_components"));

    private static final KeySchema RESOURCE = keys("name", "description", "cost", "memorySize", "totalNodes",
        "processors", "accelerators", "architecture", "idleTime", "transitionCost", "secureBoot", "measuredBoot", "onSpot",
        "region", "storageSize", "storageType", "operatingSystemType", "operatingSystemDistribution",
        "operatingSystemVersion", "operatingSystemImageId");

    private static final KeySchema LAYER = keys("name", "number", "type").with("Resources", named(RESOURCE));

    private static final KeySchema DOMAIN = keys("name", "AccessDelay", "Bandwidth", "subNetworkDomains")
        .with("ComputationalLayers", named(LAYER));

    static final KeySchema RESOURCES = keys().with("System", keys("name").with("NetworkDomains", named(DOMAIN)));

    private static final KeySchema CONTAINER = keys("image", "memorySize", "computingUnits", "trustedExecution",
        "networkProtection", "fileSystemProtection", "GPURequirement", "candidateExecutionResources");

    static final KeySchema DEPLOYMENTS = keys().with("Components",
        named(keys("name", "candidateExecutionLayers").with("Containers", named(CONTAINER))));

    /** One component's annotations: the decorator names of AISPRINT_ANNOTATIONS with their arguments. */
    private static final KeySchema ANNOTATION = keys("annotation")
        .with("component_name", keys("name"))
        .with("exec_time", keys("local_time_thr", "global_time_thr", "prev_components"))
        .with("expected_throughput", keys("rate"))
        .with("partitionable_model", keys("onnx_file", "num_partitions"))
        .with("early_exits_model", keys("onnx_file", "condition_function", "transition_probabilities"))
        .with("device_constraints", keys("ram", "vram", "use_gpu_for"))
        .with("model_performance", keys("metric", "metric_thr", "filtered_class"))
        .with("detect_metric_drift", keys("metric", "field", "statistical_test", "test_threshold",
            "detection_interval", "monitoring_period", "data_collection_period"))
        .with("security", keys("trustedExecution", "networkShield", "filesystemShield", "confProc", "integrityProc", "confRest"));

    static final KeySchema ANNOTATIONS = named(ANNOTATION);

    /** Ours: partitions' data sizes, early exits and the performance declarations per resource. */
    static final KeySchema PERFORMANCE = keys("lambda", "time").with("components",
        named(named(keys("data_size", "early_exit_probability").with("resources", KeySchema.FREE))));

    static final KeySchema QOS = keys().with("system", keys("name")
        .with("local_constraints", named(keys("component_name", "threshold")))
        .with("global_constraints", named(keys("path_components", "threshold"))));

    static final KeySchema DESIGNS = keys().with("components", named(keys("partitions")));

    /** The schema of each file read through the reader's YAML loader, by its path in the directory. */
    static final Map<String, KeySchema> BY_FILE = Map.of(
        ApplicationDirectoryReader.DAG_FILE, DAG,
        ApplicationDirectoryReader.RESOURCES_FILE, RESOURCES,
        ApplicationDirectoryReader.DEPLOYMENTS_FILE, DEPLOYMENTS,
        ApplicationDirectoryReader.PERFORMANCE_FILE, PERFORMANCE,
        ApplicationDirectoryReader.QOS_FILE, QOS,
        ApplicationDirectoryReader.DESIGNS_FILE, DESIGNS);
}
