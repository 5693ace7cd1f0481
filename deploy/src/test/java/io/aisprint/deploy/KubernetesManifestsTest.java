package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesManifestsTest {
    @TempDir
    Path temp;

    @Test
    void optimalDeploymentGivesADeploymentServiceAndConfigMapPerPartitionThatParseBackStrictly() {
        Path app = DemoApps.demo(temp);
        Map<String, String> files = KubernetesManifests.files(app, true);
        assertThat(files).containsOnlyKeys("k8s/blurry-faces-onnx_partition1_1.yaml", "k8s/blurry-faces-onnx_partition1_2.yaml",
                "k8s/mask-detector.yaml");
        List<HasMetadata> objects = KubernetesManifests.parseStrictly(files.get("k8s/mask-detector.yaml"));
        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("ConfigMap", "Deployment", "Service");
        Deployment deployment = (Deployment) objects.get(1);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3); // VM3's totalNodes in production_deployment.yaml
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.gitlab.polimi.it/ai-sprint/mask-detector:tag");
        assertThat(container.getResources().getRequests()).containsEntry("memory", new Quantity("4096Mi"))
                .containsEntry("cpu", new Quantity("0.9"));
        assertThat(container.getResources().getLimits()).isEqualTo(container.getResources().getRequests());
        List<NodeSelectorRequirement> affinity = deployment.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchExpressions();
        assertThat(affinity).extracting(NodeSelectorRequirement::getKey, NodeSelectorRequirement::getValues).containsExactly(
                org.assertj.core.groups.Tuple.tuple(KubernetesManifests.LAYER_LABEL, List.of("computationalLayer3")),
                org.assertj.core.groups.Tuple.tuple(KubernetesManifests.RESOURCE_LABEL, List.of("VM3")));
        ConfigMap config = (ConfigMap) objects.get(0);
        assertThat(config.getData()).containsEntry("COMPONENT_NAME", "mask-detector")
                .containsEntry("PREDECESSORS", "blurry-faces-onnx-partition1-2").containsEntry("SUCCESSORS", "");
        assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo(config.getMetadata().getName());
    }

    @Test
    void faasLayerGetsAKnativeServiceThatScalesToZero() {
        Path app = Anchors.copy(Anchors.require().resolve("aisprint-apps/toscarizer-app_test"), temp.resolve("app_test"));
        List<HasMetadata> objects = KubernetesManifests.parseStrictly(KubernetesManifests.files(app, false).get("k8s/mask-detector.yaml"));
        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("ConfigMap", "Service");
        Service knative = (Service) objects.get(1);
        assertThat(knative.getApiVersion()).isEqualTo("serving.knative.dev/v1");
        assertThat(knative.getSpec().getTemplate().getSpec().getContainerConcurrency()).isEqualTo(1L);
        assertThat(knative.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("autoscaling.knative.dev/min-scale", "0");
    }

    @Test
    void strictParsingRejectsFieldsTheApiTypesLack() {
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  replicas: 1
                  replicaz: 2
                  template:
                    spec:
                      containers:
                      - name: x
                        image: busybox
                        memoryLimit: 1Gi
                """;
        assertThatThrownBy(() -> KubernetesManifests.parseStrictly(manifest))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("replicaz").hasMessageContaining("memoryLimit");
    }
}
