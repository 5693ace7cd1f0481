package io.aisprint.deploy;

import io.aisprint.deploy.internal.AppLayout;
import io.aisprint.deploy.internal.Cluster;
import io.aisprint.deploy.internal.ClusterBuilder;
import io.aisprint.deploy.internal.DeploymentInputs;
import io.aisprint.deploy.internal.DriftDetector;
import io.aisprint.deploy.internal.ImageNames;
import io.aisprint.deploy.internal.InfluxChain;
import io.aisprint.deploy.internal.ServiceBuilder;
import io.aisprint.deploy.internal.YamlFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an AI-SPRINT application directory and its chosen deployment into one TOSCA document per
 * component (or partition) for the Infrastructure Manager, the way toscarizer does: each
 * component's computational layer becomes an OSCAR cluster (built by the IM, existing, or AWS
 * Lambda), each component a {@code tosca.nodes.aisprint.FaaS.Function} on it, and DAG edges
 * buckets from one cluster's function to the next one's.
 */
public final class ToscaGenerator {
    private ToscaGenerator() {
    }

    /** The generated documents, by component name, in DAG order. */
    public static Map<String, Map<String, Object>> generate(Path appDir, ToscaOptions options, SecretSource secrets) {
        Objects.requireNonNull(appDir, "appDir");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(secrets, "secrets");
        DeploymentInputs inputs = DeploymentInputs.read(AppLayout.of(appDir, options.optimal()));
        String appName = inputs.dag().name();
        ClusterBuilder builder = new ClusterBuilder(inputs, options, secrets);
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        for (String component : inputs.dag().components()) {
            DeploymentInputs.Placed placed = inputs.placed(component);
            Map<String, Object> qos = inputs.qosFor(placed.layer().number());
            clusters.put(component, builder.build(placed, YamlFiles.dump(qos)));
        }
        Map<Integer, InfluxChain.LayerClusters> layers = InfluxChain.link(List.copyOf(clusters.values()), appName);

        Cluster driftCluster = null;
        Integer topLayer = layers.values().stream()
                .filter(l -> l.clusters().get(0).kind() != Cluster.Kind.LAMBDA)
                .map(InfluxChain.LayerClusters::number).max(Integer::compare).orElse(null);
        if (topLayer != null) {
            Cluster candidate = layers.get(topLayer).clusters().get(0);
            Map<String, Object> drift = DriftDetector.fragment(inputs, candidate, inputs.qosFor(topLayer), topLayer);
            if (drift != null) {
                driftCluster = candidate;
                candidate.merge(drift);
            }
        }

        ServiceBuilder services = new ServiceBuilder(clusters, appName, driftCluster);
        for (String component : inputs.dag().components()) {
            DeploymentInputs.Placed placed = inputs.placed(component);
            String image = ImageNames.resolve(inputs, placed);
            clusters.get(component).merge(services.fragment(component, inputs.dag().successors(component),
                    inputs.dag().predecessors(component), placed.container(), image));
        }

        Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
        for (Map.Entry<String, Cluster> entry : clusters.entrySet()) {
            Map<String, Object> clusterInputs = entry.getValue().inputs();
            // inputs that only carried facts between clusters while generating
            for (String internal : List.of("minio_endpoint", "minio_ak", "minio_sk", "oscar_name", "aws", "aws_region",
                    "aws_bucket", "aws_ak", "aws_sk", "influx_endpoint", "influx_token", "layer_num")) {
                clusterInputs.remove(internal);
            }
            documents.put(entry.getKey(), entry.getValue().tosca());
        }
        return documents;
    }
}
