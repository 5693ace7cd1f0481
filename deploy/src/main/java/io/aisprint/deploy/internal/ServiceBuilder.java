package io.aisprint.deploy.internal;

import static io.aisprint.deploy.internal.Trees.listOf;
import static io.aisprint.deploy.internal.Trees.of;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code tosca.nodes.aisprint.FaaS.Function} of one component (toscarizer's get_service):
 * memory, cpu, image, script and monitoring environment from its container; an input bucket fed
 * by each predecessor; an output bucket in each successor's cluster (with a storage provider
 * entry when that cluster is another one); the drifted-data output when a drift detector runs.
 */
public final class ServiceBuilder {
    private final Map<String, Cluster> clusters;
    private final String appName;
    private final Cluster driftCluster;

    public ServiceBuilder(Map<String, Cluster> clusters, String appName, Cluster driftCluster) {
        this.clusters = clusters;
        this.appName = appName;
        this.driftCluster = driftCluster;
    }

    public Map<String, Object> fragment(String component, List<String> next, List<String> previous,
                                        Map<String, Object> container, String image) {
        Cluster own = clusters.get(component);
        boolean lambda = own.kind() == Cluster.Kind.LAMBDA;
        String dashed = component.replace('_', '-');
        Map<String, Object> properties = of(
                "name", dashed,
                "image", image,
                "script", "/opt/" + component + "/script.sh",
                "input", listOf(),
                "output", listOf(),
                "memory", PythonText.str(container.getOrDefault("memorySize", 512)) + "Mi",
                "cpu", container.getOrDefault("computingUnits", 1),
                "env_variables", of(
                        "COMPONENT_NAME", component,
                        "MONIT_HOST", appName + "-telegraf",
                        "MONIT_PORT", "8094",
                        "COMPUTING_UNITS", PythonText.str(container.getOrDefault("computingUnits", "1"))));
        copyFlag(container, "trustedExecution", properties, "enable_sgx");
        copyFlag(container, "ExposeService", properties, "expose_service");
        copyFlag(container, "GPURequirement", properties, "enable_gpu");
        Map<String, Object> env = Trees.at(properties, "env_variables");
        switch (own.kind()) {
            case IM_BUILT -> env.put("KCI", own.minioUrl());
            case LAMBDA -> {
                env.put("KCI", "AWS Lambda");
                env.put("RESOURCE_ID", "AWS Lambda");
                env.put("MONIT_HOST", "localhost");
                env.put("INFLUX_ENDPOINT", own.input("top_influx_url"));
                env.put("INFLUX_TOKEN", own.input("top_influx_token"));
            }
            case EXISTING -> env.put("KCI", own.input("minio_endpoint"));
        }
        if (driftCluster != null) {
            env.put("DRIFT_DETECTOR_MINIO_URL", driftCluster.minioUrl());
            env.put("DRIFT_DETECTOR_MINIO_BUCKET", driftCluster.component().replace('_', '-'));
            env.put("DRIFT_DETECTOR_MINIO_AK", "minio");
            env.put("DRIFT_DETECTOR_MINIO_SK", driftCluster.input("minio_password"));
        }
        List<Object> inputs = Trees.list(properties.get("input"), "", "");
        List<Object> outputs = Trees.list(properties.get("output"), "", "");
        for (String before : previous) {
            inputs.add(lambda
                    ? of("storage_provider", "s3", "path", own.inputText("aws_bucket") + "/" + before.replace('_', '-') + "/output")
                    : of("storage_provider", "minio", "path", before.replace('_', '-') + "/output"));
        }
        Map<String, Map<String, Object>> providers = new LinkedHashMap<>();
        for (String after : next) {
            Cluster target = clusters.get(after);
            if (Objects.equals(own.tosca(), target.tosca())) {
                continue;
            }
            String name = target.inputText("cluster_name");
            boolean repeated = providers.containsKey(name);
            if (repeated) {
                continue;
            }
            boolean targetLambda = target.kind() == Cluster.Kind.LAMBDA;
            if (!lambda && targetLambda) {
                providers.put(name, of("access_key", target.input("aws_ak"), "secret_key", target.input("aws_sk"),
                        "region", target.input("aws_region")));
            } else if (target.kind() == Cluster.Kind.IM_BUILT) {
                providers.put(name, minio(target.minioUrl(), "minio", target.input("minio_password")));
            } else if (!lambda) {
                providers.put(name, minio(target.input("minio_endpoint"), target.input("minio_ak"), target.input("minio_sk")));
            }
            if (targetLambda) {
                // SCAR takes only a bare "s3" provider for a Lambda writing to its own bucket
                outputs.add(of("storage_provider", lambda ? "s3" : "s3." + name,
                        "path", target.inputText("aws_bucket") + "/" + dashed + "/output"));
            } else {
                outputs.add(of("storage_provider", "minio." + name, "path", dashed + "/output"));
            }
            markNoDrift(outputs);
        }
        if (outputs.isEmpty()) {
            outputs.add(lambda
                    ? of("storage_provider", "s3", "path", own.inputText("aws_bucket") + "/" + dashed + "/output")
                    : of("storage_provider", "minio", "path", dashed + "/output"));
            markNoDrift(outputs);
        }
        if (inputs.isEmpty()) {
            inputs.add(lambda
                    ? of("storage_provider", "s3", "path", own.inputText("aws_bucket") + "/" + dashed + "/input")
                    : of("storage_provider", "minio", "path", dashed + "/input"));
        }
        Map<String, Object> service = of("type", "tosca.nodes.aisprint.FaaS.Function", "properties", properties);
        if (own.kind() == Cluster.Kind.IM_BUILT) {
            service.put("requirements", listOf(of("host", "oscar")));
        }
        if (driftCluster != null) {
            String name = driftCluster.inputText("cluster_name");
            providers.putIfAbsent(name, minio(driftCluster.minioUrl(), "minio", driftCluster.input("minio_password")));
            outputs.add(of("storage_provider", "minio." + name, "path", dashed + "/drift_detection_data",
                    "suffix", listOf("_DRIFTED")));
        }
        if (!providers.isEmpty()) {
            Map<String, Object> grouped = of();
            providers.forEach((name, storage) ->
                    Trees.at(grouped, storage.containsKey("endpoint") ? "minio" : "s3").put(name, storage));
            properties.put("storage_providers", grouped);
        }
        if (lambda) {
            return of("topology_template", of("node_templates", of("lambda_function_" + component, service)));
        }
        String node = "oscar_service_" + component;
        return of("topology_template", of(
                "node_templates", of(node, service),
                "outputs", of(
                        "oscar_service_url", of("value", of("get_attribute", listOf(node, "endpoint"))),
                        "oscar_service_cred", of("value", of("get_attribute", listOf(node, "credential"))))));
    }

    private void markNoDrift(List<Object> outputs) {
        if (driftCluster != null) {
            Trees.map(outputs.get(outputs.size() - 1), "", "").put("suffix", listOf("_NO_DRIFT"));
        }
    }

    private static void copyFlag(Map<String, Object> container, String from, Map<String, Object> properties, String to) {
        if (Trees.truthy(container.get(from))) {
            properties.put(to, container.get(from));
        }
    }

    private static Map<String, Object> minio(Object endpoint, Object accessKey, Object secretKey) {
        return of("endpoint", endpoint, "access_key", accessKey, "secret_key", secretKey, "region", "us-east-1");
    }
}
