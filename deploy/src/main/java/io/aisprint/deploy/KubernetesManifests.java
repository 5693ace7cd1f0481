package io.aisprint.deploy;

import io.aisprint.deploy.internal.AppLayout;
import io.aisprint.deploy.internal.DeploymentInputs;
import io.aisprint.deploy.internal.ImageNames;
import io.aisprint.deploy.internal.PythonText;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kubernetes manifests for a chosen deployment, one file per component or partition: a
 * ConfigMap with the component's configuration, and a Deployment with a Service, or for a
 * {@code NativeCloudFunction} layer a Knative Service (scale to zero, one request per pod, as
 * OSCAR's synchronous services run). Requests and limits come from the container's memory and
 * computing units, replicas from the resource's instance count ({@code totalNodes}), and a
 * required node affinity pins the pods to nodes labelled with the layer and resource.
 */
public final class KubernetesManifests {
    public static final String RESOURCE_LABEL = "aisprint.io/resource";
    public static final String LAYER_LABEL = "aisprint.io/layer";
    public static final int PORT = 8080;
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubernetesManifests() {
    }

    /** {@code k8s/<component>.yaml → manifests}. */
    public static Map<String, String> files(Path appDir, boolean optimal) {
        Map<String, String> files = new LinkedHashMap<>();
        resources(appDir, optimal).forEach((component, objects) -> {
            StringBuilder text = new StringBuilder();
            for (HasMetadata object : objects) {
                text.append(SERIALIZATION.asYaml(object));
            }
            files.put("k8s/" + component + ".yaml", text.toString());
        });
        return files;
    }

    /** The objects per component, in DAG order. */
    public static Map<String, List<HasMetadata>> resources(Path appDir, boolean optimal) {
        DeploymentInputs inputs = DeploymentInputs.read(AppLayout.of(appDir, optimal));
        Map<String, List<HasMetadata>> result = new LinkedHashMap<>();
        for (String component : inputs.dag().components()) {
            result.put(component, objects(inputs, component));
        }
        return result;
    }

    /** A Kubernetes name: lowercase letters, digits and dashes. */
    public static String name(String component) {
        return component.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    private static List<HasMetadata> objects(DeploymentInputs inputs, String component) {
        DeploymentInputs.Placed placed = inputs.placed(component);
        String name = name(component);
        Map<String, String> labels = Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", inputs.dag().name());
        ConfigMap config = new ConfigMapBuilder()
                .withNewMetadata().withName(name + "-config").withLabels(labels).endMetadata()
                .withData(configuration(inputs, component, placed))
                .build();
        Container container = new ContainerBuilder()
                .withName(name)
                .withImage(ImageNames.resolve(inputs, placed))
                .addNewPort().withContainerPort(PORT).endPort()
                .addNewEnvFrom().withNewConfigMapRef().withName(name + "-config").endConfigMapRef().endEnvFrom()
                .withNewResources()
                .withRequests(quantities(placed))
                .withLimits(quantities(placed))
                .endResources()
                .build();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(config);
        if (placed.layer().type().equals("NativeCloudFunction")) {
            objects.add(new ServiceBuilder()
                    .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                    .withNewSpec().withNewTemplate()
                    .withNewMetadata().withLabels(labels).withAnnotations(Map.of(
                            "autoscaling.knative.dev/min-scale", "0",
                            "autoscaling.knative.dev/max-scale", String.valueOf(Math.max(1, replicas(placed)))))
                    .endMetadata()
                    .withNewSpec().withContainerConcurrency(1L).withContainers(container).endSpec()
                    .endTemplate().endSpec()
                    .build());
            return objects;
        }
        objects.add(new DeploymentBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec()
                .withReplicas(replicas(placed))
                .withNewSelector().withMatchLabels(Map.of("app.kubernetes.io/name", name)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().withMatchExpressions(
                        new NodeSelectorRequirementBuilder().withKey(LAYER_LABEL).withOperator("In")
                                .withValues(placed.layer().name()).build(),
                        new NodeSelectorRequirementBuilder().withKey(RESOURCE_LABEL).withOperator("In")
                                .withValues(placed.resource()).build())
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
                .withContainers(container)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build());
        objects.add(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec()
                .withSelector(Map.of("app.kubernetes.io/name", name))
                .addNewPort().withPort(PORT).withNewTargetPort(PORT).endPort()
                .endSpec()
                .build());
        return objects;
    }

    private static Map<String, String> configuration(DeploymentInputs inputs, String component, DeploymentInputs.Placed placed) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("COMPONENT_NAME", component);
        data.put("APPLICATION", inputs.dag().name());
        data.put("LAYER", placed.layer().name());
        data.put("RESOURCE", placed.resource());
        data.put("COMPUTING_UNITS", PythonText.str(placed.container().getOrDefault("computingUnits", 1)));
        data.put("MONIT_HOST", inputs.dag().name() + "-telegraf");
        data.put("MONIT_PORT", "8094");
        data.put("SUCCESSORS", String.join(",", inputs.dag().successors(component).stream().map(KubernetesManifests::name).toList()));
        data.put("PREDECESSORS", String.join(",", inputs.dag().predecessors(component).stream().map(KubernetesManifests::name).toList()));
        return data;
    }

    private static Map<String, Quantity> quantities(DeploymentInputs.Placed placed) {
        Object memory = placed.container().getOrDefault("memorySize", 512);
        Object cores = placed.container().getOrDefault("computingUnits", 1);
        if (!(memory instanceof Number) || !(cores instanceof Number)) {
            throw new DeployException(DeployException.Code.INVALID_FIELD, placed.file(), placed.containerField(),
                    "memorySize and computingUnits must be numbers (found " + memory + ", " + cores + ")");
        }
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        quantities.put("memory", new Quantity(PythonText.g(memory) + "Mi"));
        quantities.put("cpu", new Quantity(PythonText.g(cores)));
        return quantities;
    }

    private static int replicas(DeploymentInputs.Placed placed) {
        for (Object value : placed.layer().resources().values()) {
            if (value instanceof Map<?, ?> res && placed.resource().equals(String.valueOf(res.get("name")).trim())) {
                return res.get("totalNodes") instanceof Number n ? n.intValue() : 1;
            }
        }
        return 1;
    }

    /** Parses manifests back into fabric8 model objects, failing on any field the Kubernetes API types lack. */
    public static List<HasMetadata> parseStrictly(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            HasMetadata object = SERIALIZATION.unmarshal(document);
            List<String> unknown = new ArrayList<>();
            StrictModel.collectUnknownFields(object, object.getKind(), unknown);
            if (!unknown.isEmpty()) {
                throw new DeployException(DeployException.Code.INVALID_FIELD, "", object.getKind() + " " + object.getMetadata().getName(),
                        "fields the Kubernetes API types lack: " + unknown);
            }
            objects.add(object);
        }
        return objects;
    }

}
