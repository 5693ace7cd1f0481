package io.aisprint.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aisprint.testsupport.Anchors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployment files through the API: an upload's base deployment and a design's best placement, as zips. */
class DeploymentsApiTest {
    @TempDir
    static Path data;
    static ApiServer server;
    static Client viewer;
    static Client operator;
    static String maskDetection;

    @BeforeAll
    static void start() throws Exception {
        String operatorToken = Tokens.create(data, null, Role.OPERATOR, "operator").token();
        String viewerToken = Tokens.create(data, null, Role.VIEWER, "viewer").token();
        server = ApiServer.start(ServerConfig.defaults(data).withPort(0));
        operator = new Client(server.port(), operatorToken);
        viewer = operator.as(viewerToken);
        maskDetection = operator.post("/api/v1/applications", "application/zip", Client.zipExample("mask-detection")).json()
                .get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aDesignsKubernetesManifestsPlaceEachComponentOnTheResourceTheDesignChose() throws Exception {
        String design = operator.postJson("/api/v1/applications/" + maskDetection + "/designs", "{\"time_limit\": 2}").json()
                .get("id").asText();
        JsonNode done = operator.awaitStatusNot("/api/v1/designs/" + design, 60, "queued", "running");
        assertThat(done.get("status").asText()).isEqualTo("done");

        Map<String, String> optimal = viewer.getZip("/api/v1/designs/" + design + "/deployments/k8s");
        Map<String, String> base = viewer.getZip("/api/v1/applications/" + maskDetection + "/deployments/K8S");
        assertThat(optimal).containsOnlyKeys("k8s/blurry-faces.yaml", "k8s/mask-detector.yaml");
        assertThat(base).containsOnlyKeys(optimal.keySet());
        for (JsonNode component : done.at("/result/components")) {
            String manifest = optimal.get("k8s/" + component.get("component").asText() + ".yaml");
            assertThat(manifest).contains("kind: \"Deployment\"")
                    .contains("- \"" + component.at("/partitions/0/resource").asText() + "\"");
        }
        // The base deployment is the first candidate (the detector on the Raspberry Pi); the design moved it to the VM.
        assertThat(base.get("k8s/mask-detector.yaml")).contains("- \"RaspberryPi4\"").doesNotContain("VM-t3xlarge");
        assertThat(optimal.get("k8s/mask-detector.yaml")).contains("- \"VM-t3xlarge\"");
        assertThat(optimal.get("k8s/mask-detector.yaml")).contains("image: \"aisprint/mask-detector:0.1\"");

        // The stored upload is left as it was, and the scratch copy is gone.
        assertThat(data.resolve("applications").resolve(maskDetection)).isDirectory();
        try (Stream<Path> stored = Files.walk(data.resolve("applications").resolve(maskDetection))) {
            assertThat(stored.map(Path::toString)).noneMatch(p -> p.contains("optimal_deployment"));
        }
        try (Stream<Path> scratch = Files.list(data.resolve("tmp"))) {
            assertThat(scratch.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("deploy-"));
        }
    }

    @Test
    void anApplicationToscarizerRefusesIsRefusedWithItsReasonAndTheUploadsOwnFileName() {
        Client.Answer tosca = viewer.get("/api/v1/applications/" + maskDetection + "/deployments/tosca");
        assertThat(tosca.status()).as(tosca.body()).isEqualTo(422);
        JsonNode error = tosca.json();
        assertThat(error.get("code").asText()).isEqualTo("not_deployable");
        assertThat(error.get("message").asText()).contains("PhysicalAlreadyProvisioned").doesNotContain(data.toString());
        assertThat(error.get("where").asText()).startsWith("common_config/candidate_resources.yaml");
    }

    @Test
    void badTargetsMissingDesignsAndSystemJsonUploadsGetTheirOwnErrors() throws Exception {
        JsonNode unknown = viewer.get("/api/v1/applications/" + maskDetection + "/deployments/helm").json();
        assertThat(unknown.get("code").asText()).isEqualTo("invalid_request");
        assertThat(unknown.get("hint").asText()).contains("tosca").contains("fdl").contains("k8s").contains("containers");

        assertThat(viewer.get("/api/v1/designs/des-aaaaaaaaaaaa/deployments/k8s").status()).isEqualTo(404);
        assertThat(viewer.get("/api/v1/designs/..%2F..%2Fetc/deployments/k8s").status()).isEqualTo(404);
        assertThat(new Client(server.port(), null).get("/api/v1/applications/" + maskDetection + "/deployments/k8s").status())
                .isEqualTo(401);

        Path json = Client.examples().getParent().resolve("placement/src/test/resources/inspection-system.json");
        String system = operator.post("/api/v1/applications", "application/json", Files.readAllBytes(json)).json().get("id").asText();
        Client.Answer refused = viewer.get("/api/v1/applications/" + system + "/deployments/k8s");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("message").asText()).contains("system JSON");
    }

    @Test
    void theOpenApiDocumentDescribesTheDeploymentDownloads() {
        JsonNode paths = viewer.get("/api/openapi.json").json().get("paths");
        assertThat(paths.has("/api/v1/applications/{id}/deployments/{target}")).isTrue();
        assertThat(paths.at("/~1api~1v1~1designs~1{id}~1deployments~1{target}/get/responses/200/content").has("application/zip")).isTrue();
    }

    /** A real toscarizer application (the reference's own fixture): its TOSCA for the IM comes back, one document per component. */
    @Test
    void toscarizersDemoApplicationGetsOneToscaDocumentPerComponent() throws Exception {
        Path demo = Anchors.require("aisprint-apps/toscarizer-app_demo");
        Client.Answer upload = operator.post("/api/v1/applications", "application/zip", Client.zipFolder(demo));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        String app = upload.json().get("id").asText();
        Map<String, String> tosca = viewer.getZip("/api/v1/applications/" + app + "/deployments/tosca");
        assertThat(tosca).isNotEmpty();
        assertThat(tosca.keySet()).allMatch(name -> name.startsWith("im/") && name.endsWith(".yaml"));
        assertThat(tosca.values()).allMatch(doc -> doc.contains("tosca_definitions_version"));
        Map<String, String> fdl = viewer.getZip("/api/v1/applications/" + app + "/deployments/fdl");
        assertThat(fdl).containsOnlyKeys("oscar/fdl.yaml");
        assertThat(fdl.get("oscar/fdl.yaml")).contains("functions:");
    }
}
