package io.aisprint.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core paths scripts rely on: upload, validate, design, evaluate, run with its events, summary and report. */
class ApiFlowTest {
    @TempDir
    static Path data;
    static ApiServer server;
    static Client operator;

    @BeforeAll
    static void start() {
        String token = Tokens.create(data, null, Role.OPERATOR, "test").token();
        server = ApiServer.start(ServerConfig.defaults(data).withPort(0));
        operator = new Client(server.port(), token);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void uploadDesignEvaluateAndRunTheExample() throws Exception {
        Client.Answer upload = operator.post("/api/v1/applications", "application/zip", Client.zipExample("mask-detection"));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        String app = upload.json().get("id").asText();
        assertThat(upload.json().get("valid").asBoolean()).isTrue();
        assertThat(upload.headers().firstValue("Location")).contains("/api/v1/applications/" + app);

        JsonNode detail = operator.get("/api/v1/applications/" + app).json();
        assertThat(detail.get("name").asText()).isEqualTo("mask-detection");
        assertThat(detail.get("edges")).hasSize(1);
        assertThat(detail.at("/continuum/layers")).hasSize(2);
        JsonNode validation = operator.get("/api/v1/applications/" + app + "/validation").json();
        assertThat(validation.get("valid").asBoolean()).isTrue();
        assertThat(validation.at("/summary/components").asInt()).isEqualTo(2);

        Client.Answer started = operator.postJson("/api/v1/applications/" + app + "/designs", "{\"time_limit\": 2, \"max_load\": true}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String design = started.json().get("id").asText();
        JsonNode done = operator.awaitStatusNot("/api/v1/designs/" + design, 60, "queued", "running");
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.at("/result/feasible").asBoolean()).isTrue();
        assertThat(done.at("/result/total_cost").asDouble()).isCloseTo(0.5664, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(done.at("/result/proved_optimal").asBoolean()).isTrue();
        assertThat(done.at("/result/max_lambda").asDouble()).isGreaterThan(2);
        assertThat(operator.get("/api/v1/designs/" + design + "/max-load").json().get("max_lambda").asDouble())
                .isEqualTo(done.at("/result/max_lambda").asDouble());

        String solution = operator.get("/api/v1/designs/" + design + "/solution").body();
        JsonNode evaluation = operator.postJson("/api/v1/applications/" + app + "/evaluations", "{\"solution\": " + solution + "}").json();
        assertThat(evaluation.get("total_cost").asDouble()).isEqualTo(done.at("/result/total_cost").asDouble());
        assertThat(evaluation.get("feasible").asBoolean()).isTrue();

        Client.Answer run = operator.postJson("/api/v1/applications/" + app + "/runs",
                "{\"lambda\": 2, \"duration\": 8, \"time_scale\": 0.25, \"seed\": 3}");
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        String runId = run.json().get("id").asText();
        Client.Answer events = operator.get("/api/v1/runs/" + runId + "/events");
        assertThat(events.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(events.body()).contains("event: started").contains("event: tick").contains("\"response_times\"").contains("event: end");
        JsonNode finished = operator.awaitStatusNot("/api/v1/runs/" + runId, 60, "queued", "running");
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("done");
        JsonNode summary = finished.get("summary");
        assertThat(summary.get("requests_in").asLong()).isPositive()
                .isEqualTo(summary.get("requests_completed").asLong() + summary.get("requests_failed").asLong());
        assertThat(operator.get("/api/v1/runs/" + runId + "/report").body()).contains("<html");
        assertThat(operator.get("/api/v1/runs/" + runId + "/summary").json().get("requests_in").asLong())
                .isEqualTo(summary.get("requests_in").asLong());
        assertThat(Files.isRegularFile(data.resolve("runs").resolve(runId).resolve("report.html"))).isTrue();
    }

    @Test
    void aSystemJsonAndATarGzUploadAreApplicationsToo() throws Exception {
        Path json = Client.examples().getParent().resolve("placement/src/test/resources/inspection-system.json");
        Client.Answer upload = operator.post("/api/v1/applications", "application/json", Files.readAllBytes(json));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        assertThat(upload.json().get("source").asText()).isEqualTo("json");
        assertThat(upload.json().get("valid").asBoolean()).isTrue();
        String id = upload.json().get("id").asText();
        assertThat(operator.get("/api/v1/applications/" + id + "/validation").json().at("/summary/components").asInt()).isPositive();

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Path folder = Client.examples().resolve("wind-turbine-inspection");
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(new java.util.zip.GZIPOutputStream(bytes));
             var files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(file.toFile(),
                        "wind-turbine-inspection/" + folder.relativize(file));
                tar.putArchiveEntry(entry);
                tar.write(Files.readAllBytes(file));
                tar.closeArchiveEntry();
            }
        }
        Client.Answer tarUpload = operator.post("/api/v1/applications", "application/gzip", bytes.toByteArray());
        assertThat(tarUpload.status()).as(tarUpload.body()).isEqualTo(201);
        assertThat(tarUpload.json().get("source").asText()).isEqualTo("tar_gz");
        assertThat(tarUpload.json().get("valid").asBoolean()).as(tarUpload.body()).isTrue();
    }

    @Test
    void aRunningRunStopsOnDelete() throws Exception {
        String app = operator.post("/api/v1/applications", "application/zip", Client.zipExample("mask-detection")).json().get("id").asText();
        String runId = operator.postJson("/api/v1/applications/" + app + "/runs", "{\"lambda\": 1, \"duration\": 600}").json()
                .get("id").asText();
        operator.awaitStatusNot("/api/v1/runs/" + runId, 60, "queued");
        assertThat(operator.delete("/api/v1/runs/" + runId).status()).isEqualTo(202);
        JsonNode stopped = operator.awaitStatusNot("/api/v1/runs/" + runId, 30, "running");
        assertThat(stopped.get("status").asText()).isEqualTo("stopped");
        assertThat(operator.delete("/api/v1/runs/" + runId).json().get("code").asText()).isEqualTo("conflict");
        assertThat(operator.delete("/api/v1/applications/" + app).status()).isEqualTo(204);
        assertThat(operator.get("/api/v1/runs/" + runId).status()).isEqualTo(404);
        assertThat(data.resolve("applications").resolve(app)).doesNotExist();
    }

    @Test
    void aRunInProgressWhenTheServerClosesIsInterrupted() throws Exception {
        Path other = Files.createDirectories(data.resolveSibling(data.getFileName() + "-close"));
        String token = Tokens.create(other, null, Role.OPERATOR, "close").token();
        String runId;
        try (ApiServer closing = ApiServer.start(ServerConfig.defaults(other).withPort(0))) {
            Client client = new Client(closing.port(), token);
            String app = client.post("/api/v1/applications", "application/zip", Client.zipExample("mask-detection")).json().get("id").asText();
            runId = client.postJson("/api/v1/applications/" + app + "/runs", "{\"lambda\": 1, \"duration\": 600}").json().get("id").asText();
            client.awaitStatusNot("/api/v1/runs/" + runId, 60, "queued");
        }
        try (ApiServer again = ApiServer.start(ServerConfig.defaults(other).withPort(0))) {
            JsonNode run = new Client(again.port(), token).get("/api/v1/runs/" + runId).json();
            assertThat(run.get("status").asText()).isEqualTo("interrupted");
            assertThat(again.interrupted()).isZero();
        }
    }

    @Test
    void corsIsOffUnlessAnOriginIsGiven() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/health")).header("Origin", "http://evil.example").build();
        assertThat(http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
        Path other = Files.createDirectories(data.resolveSibling(data.getFileName() + "-cors"));
        try (ApiServer open = ApiServer.start(ServerConfig.defaults(other).withPort(0).withCorsOrigins(java.util.List.of("http://ui.example")))) {
            java.net.http.HttpRequest allowed = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + open.port()
                    + "/api/v1/health")).header("Origin", "http://ui.example").build();
            assertThat(http.send(allowed, java.net.http.HttpResponse.BodyHandlers.ofString()).headers()
                    .firstValue("Access-Control-Allow-Origin")).contains("http://ui.example");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheCorePaths() {
        JsonNode document = operator.as(null).get("/api/openapi.json").json();
        assertThat(document.get("openapi").asText()).startsWith("3.");
        JsonNode paths = document.get("paths");
        assertThat(paths.at("/~1api~1v1~1applications/post/responses/201")).isNotNull();
        for (String path : new String[] {"/api/v1/applications", "/api/v1/applications/{id}/designs", "/api/v1/designs/{id}",
            "/api/v1/applications/{id}/runs", "/api/v1/runs/{id}", "/api/v1/runs/{id}/events", "/api/v1/tokens"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.at("/~1api~1v1~1runs~1{id}/delete")).isNotNull();
        assertThat(document.at("/components/schemas/RunRequest/additionalProperties").asBoolean(true)).isFalse();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                assertThat(operation.getValue().has("summary")).as(path.getKey()).isTrue()));
    }

    @Test
    void everyDocumentedEndpointIsServedAndEveryProtectedOneWantsAToken() {
        Client anonymous = operator.as(null);
        JsonNode paths = anonymous.get("/api/openapi.json").json().get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String url = path.getKey().replace("{id}", "app-aaaaaaaaaaaa").replaceAll("\\{[a-z_]+}", "x");
            Client.Answer answer = switch (operation.getKey()) {
                case "get" -> anonymous.get(url);
                case "delete" -> anonymous.delete(url);
                default -> anonymous.postJson(url, "{}");
            };
            String where = operation.getKey() + " " + path.getKey();
            assertThat(answer.body()).as(where).doesNotContain("no such endpoint").doesNotContain("Endpoint ");
            boolean isPublic = operation.getValue().get("security").isEmpty();
            assertThat(answer.status() == 401).as(where + " answered " + answer.status()).isEqualTo(!isPublic);
        }));
    }
}
