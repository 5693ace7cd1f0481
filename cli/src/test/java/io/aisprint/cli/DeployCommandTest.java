package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From {@code aisprint design} to {@code aisprint deploy}: the designer's placement becomes TOSCA, FDL and manifests. */
class DeployCommandTest {
    @TempDir
    Path temp;

    @Test
    void designedPlacementDeploysAsToscaFdlAndKubernetesManifests() throws IOException {
        Path app = copy(example("mask-detection"), temp.resolve("app"));
        Path optimal = app.resolve("aisprint/deployments/optimal_deployment");
        CliTestSupport.Outcome design = CliTestSupport.run("design", app.toString(), "--iterations", "200", "--seed", "1",
                "--threads", "1", "--out", optimal.toString());
        assertThat(design.exitCode()).as(design.err()).isEqualTo(ExitCodes.OK);
        String production = Files.readString(optimal.resolve("production_deployment.yaml"));
        assertThat(production).contains("image: aisprint/").doesNotContain("image: null");
        // the edge devices are existing machines: their OSCAR cluster's MinIO comes from physical_nodes.yaml
        Files.writeString(app.resolve("common_config/physical_nodes.yaml"), physicalNodes(production));

        CliTestSupport.Outcome tosca = CliTestSupport.run("deploy", app.toString(), "--optimal", "--target", "tosca",
                "--fixed-secrets", "--json");
        assertThat(tosca.exitCode()).as(tosca.out() + tosca.err()).isEqualTo(ExitCodes.OK);
        JsonNode written = new ObjectMapper().readTree(tosca.out());
        assertThat(written.get("files")).isNotEmpty();
        for (JsonNode file : written.get("files")) {
            assertThat(Path.of(file.asText())).startsWith(optimal.resolve("im").toAbsolutePath());
            assertThat(Files.readString(Path.of(file.asText()))).contains("tosca.nodes.aisprint.FaaS.Function", "image: aisprint/");
        }
        assertThat(CliTestSupport.run("deploy", app.toString(), "--optimal", "--target", "fdl").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(optimal.resolve("oscar/fdl.yaml"))).contains("functions:", "oscar:");
        assertThat(CliTestSupport.run("deploy", app.toString(), "--optimal", "--target", "k8s").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(Files.list(optimal.resolve("k8s")).count()).isEqualTo(written.get("files").size());
    }

    @Test
    void badInputIsOneClearErrorWithExitCodeOneAndNothingWritten() throws IOException {
        Path app = copy(example("mask-detection"), temp.resolve("app"));
        CliTestSupport.Outcome outcome = CliTestSupport.run("deploy", app.toString(), "--target", "tosca", "--json",
                "--out", temp.resolve("out").toString());
        JsonNode error = new ObjectMapper().readTree(outcome.out()).get("error");
        assertThat(outcome.exitCode()).isIn(ExitCodes.INVALID, ExitCodes.USAGE);
        assertThat(error.get("file").asText()).isNotEmpty();
        assertThat(error.get("message").asText()).doesNotContain("Exception");
        assertThat(temp.resolve("out")).doesNotExist();

        CliTestSupport.Outcome text = CliTestSupport.run("deploy", app.toString(), "--target", "helm");
        assertThat(text.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(text.err()).contains("--target", "unknown target 'helm'");
    }

    /** One existing-cluster entry per edge layer of the production deployment. */
    private static String physicalNodes(String production) {
        StringBuilder text = new StringBuilder("ComputationalLayers:\n");
        java.util.regex.Matcher layer = java.util.regex.Pattern.compile(
                "number: (\\d+)\\s+type: \"?PhysicalAlreadyProvisioned\"?\\s+Resources:\\s+resource1:\\s+name: \"?([^\"\\n]+)\"?")
                .matcher(production);
        while (layer.find()) {
            text.append("  layer").append(layer.group(1)).append(":\n    number: ").append(layer.group(1))
                    .append("\n    Resources:\n      resource1:\n        name: ").append(layer.group(2))
                    .append("\n        minio:\n          endpoint: https://minio.edge.example\n          access_key: minio\n")
                    .append("          secret_key: secret\n        oscar:\n          name: edge\n");
        }
        return text.toString();
    }

    private static Path example(String name) {
        return ValidateCommandTest.example(name);
    }

    private static Path copy(Path source, Path target) throws IOException {
        return ValidateCommandTest.copy(source, target);
    }
}
