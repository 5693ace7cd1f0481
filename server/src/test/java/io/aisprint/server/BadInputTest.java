package io.aisprint.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken uploads, archives that climb out, oversized bodies, bad JSON and missing tokens: one JSON error each, nothing written outside. */
class BadInputTest {
    static final long LIMIT = 256 * 1024;
    @TempDir
    static Path root;
    static Path data;
    static ApiServer server;
    static Client operator;
    static Client viewer;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createDirectories(root.resolve("data"));
        String operatorToken = Tokens.create(data, null, Role.OPERATOR, "operator").token();
        String viewerToken = Tokens.create(data, null, Role.VIEWER, "viewer").token();
        server = ApiServer.start(ServerConfig.defaults(data).withPort(0).withMaxUploadBytes(LIMIT));
        operator = new Client(server.port(), operatorToken);
        viewer = operator.as(viewerToken);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode error(Client.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }

    @Test
    void tokensAreRequiredAndRolesChecked() {
        error(operator.as(null).get("/api/v1/applications"), 401, "unauthorized");
        error(operator.as("asp_not-a-token").get("/api/v1/applications"), 401, "unauthorized");
        JsonNode forbidden = error(viewer.post("/api/v1/applications", "application/json", "{}".getBytes(StandardCharsets.UTF_8)), 403,
                "forbidden");
        assertThat(forbidden.get("message").asText()).contains("operator");
        error(operator.get("/api/v1/tokens"), 403, "forbidden");
        assertThat(viewer.get("/api/v1/applications").status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/me").json().get("role").asText()).isEqualTo("viewer");
    }

    @Test
    void archiveEntriesThatClimbOutAreRefusedAndNothingIsWritten() throws IOException {
        JsonNode body = error(operator.post("/api/v1/applications", "application/zip", zip("../../escaped.txt", "x")), 400, "unsafe_archive");
        assertThat(body.get("where").asText()).contains("../../escaped.txt");
        error(operator.post("/api/v1/applications", "application/zip", zip("app/../../../escaped.txt", "x")), 400, "unsafe_archive");
        error(operator.post("/api/v1/applications", "application/x-tar", tar("/tmp/escaped-absolute.txt", false)), 400, "unsafe_archive");
        error(operator.post("/api/v1/applications", "application/x-tar", tar("app/link", true)), 400, "unsafe_archive");
        assertThat(root.resolve("escaped.txt")).doesNotExist();
        assertThat(data.getParent().getParent().resolve("escaped.txt")).doesNotExist();
        assertThat(Path.of("/tmp/escaped-absolute.txt")).doesNotExist();
        try (var left = Files.list(data.resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
        try (var apps = Files.list(data.resolve("applications"))) {
            assertThat(apps.filter(p -> p.getFileName().toString().startsWith("app-")).count())
                    .isEqualTo(operator.get("/api/v1/applications").json().size());
        }
    }

    @Test
    void brokenAndOversizedUploadsGetTheirOwnErrors() throws IOException {
        byte[] damaged = zip("app/common_config/application_dag.yaml", "x".repeat(4000));
        for (int i = 40; i < damaged.length - 30; i++) {
            damaged[i] = (byte) (damaged[i] ^ 0x5a);
        }
        error(operator.post("/api/v1/applications", "application/zip", damaged), 400, "bad_archive");
        error(operator.post("/api/v1/applications", "application/zip", "hello".getBytes(StandardCharsets.UTF_8)), 400, "bad_archive");
        error(operator.post("/api/v1/applications", "application/zip", new byte[0]), 400, "bad_archive");
        error(operator.post("/api/v1/applications", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)), 415, "unsupported_media_type");
        error(operator.post("/api/v1/applications", "application/zip", zip("readme.txt", "no application here")), 422, "not_an_application");
        error(operator.post("/api/v1/applications", "application/octet-stream", new byte[(int) LIMIT + 10]), 413, "payload_too_large");
        // An archive bomb: small on the wire, larger than the limit unpacked.
        error(operator.post("/api/v1/applications", "application/zip", zip("app/common_config/big.yaml", "0".repeat((int) LIMIT * 2))),
                413, "payload_too_large");
    }

    @Test
    void anInvalidApplicationIsStoredWithItsFullReportAndCannotBeDesigned() throws IOException {
        Client.Answer upload = operator.post("/api/v1/applications", "application/zip",
                zip("broken/common_config/application_dag.yaml", "System: [unclosed"));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        assertThat(upload.json().get("valid").asBoolean()).isFalse();
        String id = upload.json().get("id").asText();
        JsonNode report = operator.get("/api/v1/applications/" + id + "/validation").json();
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("problems")).isNotEmpty();
        assertThat(report.get("problems").get(0).get("file").asText()).startsWith("broken/").doesNotContain(data.toString());
        JsonNode refused = error(operator.postJson("/api/v1/applications/" + id + "/designs", "{}"), 422, "invalid_application");
        assertThat(refused.get("problems")).isNotEmpty();
    }

    @Test
    void requestBodiesAreCheckedFieldByField() {
        String app = "app-aaaaaaaaaaaa";
        JsonNode body = error(operator.postJson("/api/v1/applications/" + app + "/runs",
                "{\"lambda\": \"fast\", \"duration\": -1, \"replan\": 1, \"colour\": \"red\", \"load_profile\": [{\"time_s\": 0}]}"),
                400, "invalid_request");
        assertThat(body.get("problems")).extracting(p -> p.get("where").asText())
                .contains("/lambda", "/duration", "/replan", "/colour", "/load_profile/0/lambda");
        assertThat(body.get("hint").asText()).contains("RunRequest");
        error(operator.postJson("/api/v1/applications/" + app + "/designs", "{\"method\": \"magic\"}"), 400, "invalid_request");
        error(operator.postJson("/api/v1/applications/" + app + "/designs", "{\"time_limit\": 1,}"), 400, "bad_json");
        error(operator.postJson("/api/v1/applications/" + app + "/designs", "[1, 2]"), 400, "invalid_request");
        error(operator.postJson("/api/v1/applications/" + app + "/designs", "{\"seed\": 1, \"seed\": 2}"), 400, "bad_json");
        error(operator.postJson("/api/v1/applications/" + app + "/designs", "{}"), 404, "not_found");
        error(operator.get("/api/v1/runs/../../etc/passwd"), 404, "not_found");
        error(operator.get("/api/v1/nowhere"), 404, "not_found");
        error(operator.postJson("/api/v1/applications/" + app + "/designs", "{\"x\": \"" + "y".repeat(1_100_000) + "\"}"), 413,
                "payload_too_large");
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] tar(String name, boolean link) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry;
            if (link) {
                entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                entry.setLinkName("/etc/passwd");
                tar.putArchiveEntry(entry);
            } else {
                byte[] content = "x".getBytes(StandardCharsets.UTF_8);
                entry = new TarArchiveEntry(name, true);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
            }
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
