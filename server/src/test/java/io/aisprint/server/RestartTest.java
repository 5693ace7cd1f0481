package io.aisprint.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server is a real JVM killed with SIGKILL in the middle of a run: after the restart every
 * acknowledged application, design and run summary is there, and the run it was doing is interrupted.
 */
class RestartTest {
    @TempDir
    Path data;

    @Test
    void killNineMidRunLosesNothingAcknowledged() throws Exception {
        String token = Tokens.create(data, null, Role.OPERATOR, "restart").token();
        Process first = launch();
        try {
            Client client = new Client(port(first), token);
            String app = client.post("/api/v1/applications", "application/zip", Client.zipExample("mask-detection")).json()
                    .get("id").asText();
            String design = client.postJson("/api/v1/applications/" + app + "/designs", "{\"time_limit\": 1}").json().get("id").asText();
            JsonNode designed = client.awaitStatusNot("/api/v1/designs/" + design, 60, "queued", "running");
            String finishedRun = client.postJson("/api/v1/applications/" + app + "/runs",
                    "{\"lambda\": 2, \"duration\": 4, \"time_scale\": 0.25}").json().get("id").asText();
            JsonNode summary = client.awaitStatusNot("/api/v1/runs/" + finishedRun, 60, "queued", "running").get("summary");
            assertThat(summary.isObject()).isTrue();
            String runningRun = client.postJson("/api/v1/applications/" + app + "/runs", "{\"lambda\": 1, \"duration\": 600}").json()
                    .get("id").asText();
            client.awaitStatusNot("/api/v1/runs/" + runningRun, 60, "queued");
            // The last acknowledged write right before the kill.
            String lastApp = client.post("/api/v1/applications", "application/zip", Client.zipExample("mask-detection")).json()
                    .get("id").asText();

            first.destroyForcibly();
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);

            Process second = launch();
            try {
                Client again = new Client(port(second), token);
                List<String> apps = again.get("/api/v1/applications").json().findValuesAsText("id");
                assertThat(apps).containsExactly(app, lastApp);
                JsonNode design2 = again.get("/api/v1/designs/" + design).json();
                assertThat(design2.get("status").asText()).isEqualTo("done");
                assertThat(design2.get("result")).isEqualTo(designed.get("result"));
                JsonNode run2 = again.get("/api/v1/runs/" + finishedRun).json();
                assertThat(run2.get("status").asText()).isEqualTo("done");
                assertThat(run2.get("summary")).isEqualTo(summary);
                assertThat(again.get("/api/v1/runs/" + finishedRun + "/report").status()).isEqualTo(200);
                // The live view is replayed from the database: the charts of a finished run can be drawn again.
                String replay = again.get("/api/v1/runs/" + finishedRun + "/events").body();
                assertThat(replay).contains("event: started").contains("event: tick").contains("event: end").contains("\"status\":\"done\"");
                JsonNode interrupted = again.get("/api/v1/runs/" + runningRun).json();
                assertThat(interrupted.get("status").asText()).isEqualTo("interrupted");
                assertThat(interrupted.get("error").asText()).contains("server stopped");
                assertThat(again.get("/api/v1/runs/" + runningRun + "/events").body()).contains("event: end").contains("interrupted");
            } finally {
                second.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } finally {
            first.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private Process launch() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "-cp", classPath, ServerMain.class.getName(),
                data.toString(), "0").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int port(Process process) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("listening ")) {
                return Integer.parseInt(line.substring("listening ".length()).trim());
            }
        }
        throw new AssertionError("the server exited before it listened (exit " + process.waitFor() + ")");
    }
}
