package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules beyond toscarizer's fixtures: layers it fails on, applications it refuses, bad input. */
class ToscaGenerationRulesTest {
    @TempDir
    Path temp;

    @Test
    void physicalToBeProvisionedLayerGetsOneWorkerPerMachineWithItsAddressAndCredentials() {
        Path app = DemoApps.physicalToBeProvisioned(temp);
        Map<String, Map<String, Object>> documents = ToscaGenerator.generate(app, ToscaOptions.base(), SecretSource.numbered());
        Map<String, Object> nodes = nodes(documents.get("mask-detector"));
        assertThat(nodes).containsKeys("pub_network", "priv_network", "front_pub_network_port", "front_priv_network_port",
                "wn_resource1_1", "wn_resource1_4", "wn_node_resource1_1", "wn_node_resource1_4",
                "wn_resource1_3_priv_network_port", "oscar", "oscar_service_mask-detector");
        assertThat(nodes).doesNotContainKeys("wn_resource1", "wn_resource1_5");
        assertThat(nodes.get("wn_node_resource1_3").toString()).contains("host=wn_resource1_3");
        assertThat(nodes.get("wn_resource1_3").toString()).contains("count=1", "token=KEY3", "user=ubuntu");
        assertThat(nodes.get("wn_resource1_3_priv_network_port").toString()).contains("ip_address=192.168.0.4", "binding=wn_resource1_3");
        assertThat(nodes.get("front_pub_network_port").toString()).contains("ip_address=10.0.0.1");
        assertThat(nodes.get("front").toString()).contains("token=KEY0");
    }

    @Test
    void physicalAlreadyProvisionedLayerWithTwoResourcesIsRefusedAsToscarizerRefusesIt() {
        Path app = DemoApps.edit(DemoApps.demo(temp), "common_config/candidate_resources.yaml",
                "         computationalLayer2:",
                "              resource2:\n"
                        + "                  name: RaspPi2\n"
                        + "                  totalNodes: 1\n"
                        + "                  memorySize: 4096\n"
                        + "                  processors:\n"
                        + "                     processor1:\n"
                        + "                        architecture: arm64\n"
                        + "                        computingUnits: 4\n"
                        + "         computationalLayer2:");
        assertThatThrownBy(() -> ToscaGenerator.generate(app, ToscaOptions.base(), SecretSource.numbered()))
                .isInstanceOfSatisfying(DeployException.class, e -> {
                    assertThat(e.code()).isEqualTo(DeployException.Code.UNSUPPORTED);
                    assertThat(e.file()).endsWith("candidate_resources.yaml");
                    assertThat(e.field()).contains("computationalLayer1.Resources");
                })
                .hasMessageContaining("PhysicalAlreadyProvisioned ComputeLayer must only have 1 resource");
    }

    @Test
    void elasticClusterOfHeterogeneousWorkersIsRefused() {
        Path app = DemoApps.edit(DemoApps.edit(DemoApps.demo(temp), "common_config/candidate_deployments.yaml",
                "candidateExecutionLayers: [2,3]", "candidateExecutionLayers: [3]"),
                "common_config/candidate_deployments.yaml", "[VM1, VM2, VM3]", "[VM2, VM3]");
        ToscaOptions elastic = ToscaOptions.base().withElastic(3, "type = InfrastructureManager; token = t");
        assertThat(ToscaGenerator.generate(app, ToscaOptions.base(), SecretSource.numbered())).containsKey("mask-detector");
        assertThatThrownBy(() -> ToscaGenerator.generate(app, elastic, SecretSource.numbered()))
                .isInstanceOfSatisfying(DeployException.class, e -> assertThat(e.code()).isEqualTo(DeployException.Code.UNSUPPORTED))
                .hasMessageContaining("Elastic option cannot be used with heterogeneous WNs");
    }

    @Test
    void placementNamingAResourceTheLayerLacksNamesTheFileAndField() {
        Path app = DemoApps.edit(DemoApps.demo(temp), "aisprint/deployments/optimal_deployment/production_deployment.yaml",
                "selectedExecutionResource: VM1", "selectedExecutionResource: VM9");
        assertThatThrownBy(() -> ToscaGenerator.generate(app, ToscaOptions.optimalDeployment(), SecretSource.numbered()))
                .isInstanceOfSatisfying(DeployException.class, e -> {
                    assertThat(e.code()).isEqualTo(DeployException.Code.UNKNOWN_RESOURCE);
                    assertThat(e.file()).endsWith("production_deployment.yaml");
                    assertThat(e.field()).isEqualTo("Components.component1_partition1_2.Containers.container1.selectedExecutionResource");
                })
                .hasMessageContaining("'VM9'").hasMessageContaining("[VM1]");
    }

    @Test
    void unknownLayerTypeNamesTheFileAndField() {
        Path app = DemoApps.edit(DemoApps.demo(temp), "common_config/candidate_resources.yaml",
                "type: PhysicalAlreadyProvisioned", "type: PhysicalMaybeProvisioned");
        assertThatThrownBy(() -> ToscaGenerator.generate(app, ToscaOptions.base(), SecretSource.numbered()))
                .isInstanceOfSatisfying(DeployException.class, e -> {
                    assertThat(e.code()).isEqualTo(DeployException.Code.UNKNOWN_LAYER_TYPE);
                    assertThat(e.field()).isEqualTo("System.NetworkDomains.ND1.ComputationalLayers.computationalLayer1.type");
                })
                .hasMessageContaining("PhysicalMaybeProvisioned").hasMessageContaining("NativeCloudFunction");
    }

    @Test
    void missingImageNamesTheContainerAndNothingIsWritten() throws IOException {
        Path app = DemoApps.edit(DemoApps.demo(temp), "common_config/candidate_deployments.yaml",
                "image: registry.gitlab.polimi.it/ai-sprint/mask-detector:tag", "image: null");
        Path out = temp.resolve("out");
        assertThatThrownBy(() -> DeploymentGenerator.write(app, DeploymentTarget.TOSCA, ToscaOptions.base(),
                SecretSource.numbered(), ContainerRecipes.Registry.defaults(), out))
                .isInstanceOfSatisfying(DeployException.class, e -> {
                    assertThat(e.code()).isEqualTo(DeployException.Code.MISSING_IMAGE);
                    assertThat(e.field()).isEqualTo("Components.component2.Containers.container1.image");
                });
        assertThat(out).doesNotExist();
    }

    @Test
    void imageFallsBackToContainersYamlForTheResourceArchitecture() throws IOException {
        Path app = DemoApps.edit(DemoApps.demo(temp), "common_config/candidate_deployments.yaml",
                "image: registry.gitlab.polimi.it/ai-sprint/blurry-faces-onnx:tag", "image: null");
        Files.writeString(app.resolve("aisprint/designs/containers.yaml"), """
                components:
                  blurry-faces-onnx:
                    docker_images:
                    - docker.io/me/blurry-faces-onnx_base_amd64:latest
                    - docker.io/me/blurry-faces-onnx_base_arm64:latest
                """);
        Map<String, Map<String, Object>> documents = ToscaGenerator.generate(app, ToscaOptions.base(), SecretSource.numbered());
        // blurry-faces-onnx runs on the Raspberry Pis (arm64)
        assertThat(documents.get("blurry-faces-onnx").toString()).contains("image=docker.io/me/blurry-faces-onnx_base_arm64:latest");
    }

    @Test
    void writtenFilesAreCompleteAndNoStagingFolderStays() throws IOException {
        Path app = DemoApps.demo(temp);
        Path out = temp.resolve("out");
        List<Path> written = DeploymentGenerator.write(app, DeploymentTarget.TOSCA, ToscaOptions.base(),
                SecretSource.numbered(), ContainerRecipes.Registry.defaults(), out);
        assertThat(written).containsExactly(out.toAbsolutePath().resolve("im/blurry-faces-onnx.yaml"),
                out.toAbsolutePath().resolve("im/mask-detector.yaml"));
        try (Stream<Path> entries = Files.list(out)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList()).containsExactly("im");
        }
        assertThat(Files.readString(written.get(1))).contains("tosca_definitions_version: tosca_simple_yaml_1_0");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nodes(Map<String, Object> document) {
        return (Map<String, Object>) ((Map<String, Object>) document.get("topology_template")).get("node_templates");
    }
}
