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

/**
 * Reproduces toscarizer's own test fixtures (grycap/toscarizer test/, in ../shared/anchors) as
 * YAML trees. Secrets are drawn from the same sequences toscarizer's test feeds its mocked random
 * generator, in the same order, so even passwords and cluster names must match.
 */
class ToscarizerFixturesTest {
    /** toscarizer test.py test_15_tosca's mocked random strings (app_demo: elastic base, base, optimal). */
    private static final List<String> DEMO_SECRETS = List.of("fixed1", "fixed2", "fixed3", "fixed4", "fixed5", "fixed6",
            "fixed1", "fixed4", "fixed1", "fixed10", "fixed3", "fixed6", "fixed13", "fixed6", "fixed1", "fixed16",
            "fixed17", "fixed18", "fixed19", "fixed20", "fixed21", "fixed22", "fixed23", "fixed24", "fixed25", "fixed26",
            "fixed27", "fixed28", "fixed29", "fixed30", "fixed31");
    /** test_05_tosca's (app_test: base, optimal). */
    private static final List<String> TEST_SECRETS = List.of("fixed1", "fixed2", "fixed3", "fixed4", "fixed1", "fixed6",
            "fixed7", "fixed4", "fixed9", "fixed10", "fixed11", "fixed12", "fixed13", "fixed14", "fixed15", "fixed16");
    /** The IM auth file toscarizer's app_demo holds (not among the anchors; its one-line form is in the elastic fixture). */
    private static final String AUTH = "id = one; type = OpenNebula; host = server:2633; username = user; password = pass\n"
            + "id = oscar1; type = OSCAR; host = https://graspi.im.grycap.net; username = user; password = pass\n"
            + "type = InfrastructureManager; username = user; password = pass\n"
            + "id = ec2; type = EC2; username = AK; password = SK";
    /** containers.yaml as `toscarizer docker` writes it for app_demo (test_10_docker's expectation). */
    private static final String DEMO_CONTAINERS = """
            components:
              blurry-faces-onnx:
                docker_images:
                - docker.io/micafer/blurry-faces-onnx_base_arm64:latest
                - docker.io/micafer/blurry-faces-onnx_base_amd64:latest
                - docker.io/micafer/blurry-faces-onnx_partition1_2_amd64:latest
                - docker.io/micafer/blurry-faces-onnx_partition1_1_arm64:latest
              mask-detector:
                docker_images:
                - docker.io/micafer/mask-detector_base_amd64:latest
              drift-detector:
                docker_images:
                - docker.io/micafer/drift-detector_main_amd64:latest
            """;

    @TempDir
    Path temp;

    @Test
    void appDemoElasticBaseAndOptimalMatchTheFixturesAndTheirFdl() throws IOException {
        Path anchors = Anchors.require();
        Path expected = anchors.resolve("aisprint-apps/toscarizer-test-outputs");
        Path app = demoApp(anchors);
        SecretSource secrets = SecretSource.sequence(DEMO_SECRETS);
        String auth = ToscaOptions.readAuthFile(app.resolve("im/auth.dat"));

        Map<String, Map<String, Object>> elastic = ToscaGenerator.generate(app, ToscaOptions.base().withElastic(5, auth), secrets);
        assertThat(elastic).containsOnlyKeys("blurry-faces-onnx", "mask-detector");
        assertSameTree(elastic.get("blurry-faces-onnx"), expected.resolve("blurry-faces-onnx.yaml"));
        assertSameTree(elastic.get("mask-detector"), expected.resolve("mask-detector_elastic.yaml"));

        Map<String, Map<String, Object>> base = ToscaGenerator.generate(app, ToscaOptions.base(), secrets);
        assertSameTree(base.get("blurry-faces-onnx"), expected.resolve("blurry-faces-onnx.yaml"));
        assertSameTree(base.get("mask-detector"), expected.resolve("mask-detector.yaml"));
        assertSameFdl(FdlGenerator.generate(base), expected.resolve("fdl.yaml"));
        // the comparison is sharp: the elastic fixture differs from the plain one in a few lines only
        assertThat(YamlFiles.parse(YamlFiles.dump(base.get("mask-detector")), "generated"))
                .isNotEqualTo(YamlFiles.read(expected.resolve("mask-detector_elastic.yaml")));

        Map<String, Map<String, Object>> optimal = ToscaGenerator.generate(app, ToscaOptions.optimalDeployment(), secrets);
        assertThat(optimal).containsOnlyKeys("blurry-faces-onnx_partition1_1", "blurry-faces-onnx_partition1_2", "mask-detector");
        assertSameFdl(FdlGenerator.generate(optimal), expected.resolve("fdl_optimal.yaml"));
    }

    @Test
    void theOscarAnchorCopyOfTheFdlFixtureMatchesToo() {
        Path anchors = Anchors.require();
        Path app = demoApp(anchors);
        SecretSource secrets = SecretSource.sequence(DEMO_SECRETS.subList(8, DEMO_SECRETS.size()));
        Map<String, Map<String, Object>> base = ToscaGenerator.generate(app, ToscaOptions.base(), secrets);
        assertSameFdl(FdlGenerator.generate(base), anchors.resolve("oscar/toscarizer-generated-fdl.yaml"));
    }

    @Test
    void appTestOptimalWithLambdaMatchesTheAwsFixture() {
        Path anchors = Anchors.require();
        Path app = Anchors.copy(anchors.resolve("aisprint-apps/toscarizer-app_test"), temp.resolve("app_test"));
        SecretSource secrets = SecretSource.sequence(TEST_SECRETS);
        ToscaOptions withToken = ToscaOptions.base().withInflux(null, "influx_token");
        Map<String, Map<String, Object>> base = ToscaGenerator.generate(app, withToken, secrets);
        assertThat(base).containsOnlyKeys("blurry-faces-onnx", "mask-detector");
        assertThat(base.get("mask-detector").toString()).contains("lambda_function_mask-detector");

        Map<String, Map<String, Object>> optimal = ToscaGenerator.generate(app,
                ToscaOptions.optimalDeployment().withInflux(null, "influx_token"), secrets);
        assertSameTree(optimal.get("blurry-faces-onnx_partition1_1"),
                anchors.resolve("aisprint-apps/toscarizer-test-outputs/blurry-faces-onnx_partition1_1-aws.yaml"));
    }

    private Path demoApp(Path anchors) {
        Path app = Anchors.copy(anchors.resolve("aisprint-apps/toscarizer-app_demo"), temp.resolve("app_demo"));
        try {
            Files.createDirectories(app.resolve("im"));
            Files.writeString(app.resolve("im/auth.dat"), AUTH);
            Files.writeString(app.resolve("aisprint/designs/containers.yaml"), DEMO_CONTAINERS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return app;
    }

    /** Our document, written and read back, equals the fixture read the same way. */
    static void assertSameTree(Map<String, Object> generated, Path fixture) {
        Object ours = YamlFiles.parse(YamlFiles.dump(generated), "generated");
        assertThat(ours).as("%s", fixture.getFileName()).isEqualTo(YamlFiles.read(fixture));
    }

    @SuppressWarnings("unchecked")
    private static void assertSameFdl(Map<String, Object> generated, Path fixture) {
        Map<String, Object> ours = (Map<String, Object>) YamlFiles.parse(YamlFiles.dump(generated), "generated");
        Map<String, Object> theirs = (Map<String, Object>) YamlFiles.read(fixture);
        assertThat(ours).containsOnlyKeys("functions");
        List<Object> ourServices = (List<Object>) ((Map<String, Object>) ours.get("functions")).get("oscar");
        List<Object> theirServices = (List<Object>) ((Map<String, Object>) theirs.get("functions")).get("oscar");
        // toscarizer's order follows the file system: compare as sets
        assertThat(ourServices).as("%s", fixture.getFileName()).containsExactlyInAnyOrderElementsOf(theirServices);
    }
}
