package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.deploy.internal.YamlFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** containers.yaml as toscarizer's own tests expect it (test_00_docker, test_10_docker), and the recipes. */
class ContainerRecipesTest {
    @TempDir
    Path temp;

    @Test
    void appTestWithAnEcrRepositoryListsToscarizersImages() {
        Path app = Anchors.copy(Anchors.require().resolve("aisprint-apps/toscarizer-app_test"), temp.resolve("app_test"));
        Map<String, String> files = ContainerRecipes.files(app, new ContainerRecipes.Registry("docker.io", "/micafer", null,
                "000000000000.dkr.ecr.us-east-1.amazonaws.com/repo"));
        assertThat(YamlFiles.parse(files.get("containers.yaml"), "containers.yaml")).isEqualTo(Map.of("components", Map.of(
                "blurry-faces-onnx", Map.of("docker_images", List.of(
                        "docker.io/micafer/blurry-faces-onnx_base_arm64:latest",
                        "docker.io/micafer/blurry-faces-onnx_base_amd64:latest",
                        "docker.io/micafer/blurry-faces-onnx_partition1_2_amd64:latest",
                        "docker.io/micafer/blurry-faces-onnx_partition1_1_arm64:latest")),
                "mask-detector", Map.of("docker_images", List.of(
                        "docker.io/micafer/mask-detector_base_amd64:latest",
                        "000000000000.dkr.ecr.us-east-1.amazonaws.com/repo:mask-detector_base_amd64")))));
        assertThat(files).containsKeys("blurry-faces-onnx/base/Dockerfile", "blurry-faces-onnx/partition1_1/Dockerfile",
                "blurry-faces-onnx/partition1_2/Dockerfile", "mask-detector/base/Dockerfile", "mask-detector/base/Dockerfile.aws",
                "blurry-faces-onnx/base/script.sh", "mask-detector/base/script.sh");
        assertThat(files.get("mask-detector/base/Dockerfile")).startsWith("FROM registry.gitlab.polimi.it/ai-sprint/toscarizer/ai-sprint-base\n")
                .contains("WORKDIR /opt/mask-detector", "chmod +x /opt/mask-detector/script.sh");
    }

    @Test
    void appDemoWithADriftDetectorListsItsImageAndItsEnvironmentFile() throws IOException {
        Path app = DemoApps.demo(temp);
        Files.createDirectories(app.resolve("common_config/drift_detector"));
        Map<String, String> files = ContainerRecipes.files(app, new ContainerRecipes.Registry("docker.io", "/micafer", null, null));
        Object containers = YamlFiles.parse(files.get("containers.yaml"), "containers.yaml");
        assertThat(containers.toString()).contains("drift-detector={docker_images=[docker.io/micafer/drift-detector_main_amd64:latest]}",
                "mask-detector={docker_images=[docker.io/micafer/mask-detector_base_amd64:latest]}");
        // src/mask-detector/env.yaml becomes ENV lines
        assertThat(files.get("mask-detector/base/Dockerfile")).containsPattern("(?m)^ENV \\w+=");
    }
}
