package io.aisprint.deploy.internal;

import static io.aisprint.deploy.internal.Trees.listOf;
import static io.aisprint.deploy.internal.Trees.of;

import io.aisprint.deploy.DeployException;
import java.util.List;
import java.util.Map;

/**
 * The AI-SPRINT drift detector: when {@code containers.yaml} lists a {@code drift-detector} image,
 * it runs as a Kubernetes Deployment on the cluster of the highest non-Lambda layer, reading the
 * local InfluxDB and the MinIO bucket where every service also copies its drifted outputs.
 */
public final class DriftDetector {
    private DriftDetector() {
    }

    /** The {@code tosca.nodes.indigo.KubernetesObject} fragment, or null when there is no drift-detector image. */
    public static Map<String, Object> fragment(DeploymentInputs inputs, Cluster cluster, Map<String, Object> qos, int layer) {
        List<String> images = inputs.images("drift-detector");
        if (images.isEmpty()) {
            return null;
        }
        if (qos == null) {
            throw new DeployException(DeployException.Code.INVALID_FIELD, inputs.layout().qosFile().toString(), "system.name",
                    "No QoS constraints found for the Drift detector layer level (" + layer + "): its InfluxDB bucket is named after the application");
        }
        if (cluster.kind() != Cluster.Kind.IM_BUILT) {
            throw new DeployException(DeployException.Code.UNSUPPORTED, inputs.containersFile(), "components.drift-detector",
                    "Drift detector not supported for already deployed clusters (layer " + layer + " is "
                            + cluster.kind() + ")");
        }
        String appName = String.valueOf(Trees.map(qos.get("system"), "", "").get("name"));
        String spec = "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: drift-detector\n---\n"
                + "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n    name: drift-detector\n    namespace: drift-detector\n"
                + "spec:\n    replicas: 1\n    selector:\n        matchLabels:\n            app: drift-detector\n"
                + "    template:\n        metadata:\n            labels:\n                app: drift-detector\n"
                + "        spec:\n            containers:\n            - name: drift-detector\n              env:\n"
                + env("DRIFT_DETECTOR_INFLUXDB_URL", "http://ai-sprint-monit-influxdb.ai-sprint-monitoring:8086")
                + env("DRIFT_DETECTOR_INFLUXDB_TOKEN", "'" + cluster.inputText("local_influx_token") + "'")
                + env("BUCKET_NAME", "'" + appName + "-bucket'")
                + env("DRIFT_DETECTOR_MINIO_BUCKET", cluster.component().replace('_', '-'))
                + env("DRIFT_DETECTOR_MINIO_URL", "'http://minio.minio:9000'")
                + env("DRIFT_DETECTOR_MINIO_AK", "minio")
                + env("DRIFT_DETECTOR_MINIO_SK", "'" + cluster.inputText("minio_password") + "'")
                + "              image: " + images.get(0);
        Map<String, Object> node = of(
                "type", "tosca.nodes.indigo.KubernetesObject",
                "requirements", listOf(of("host", "lrms_front_end")),
                "properties", of("spec", spec));
        return of("topology_template", of("node_templates", of("drift_detector", node)));
    }

    private static String env(String name, String value) {
        return "                - name: " + name + "\n                  value: " + value + "\n";
    }
}
