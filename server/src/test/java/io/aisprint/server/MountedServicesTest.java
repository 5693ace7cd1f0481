package io.aisprint.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU scheduler and the monitor behind the API's tokens: real jobs (pure-Java training processes) and real metric writes. */
class MountedServicesTest {
    @TempDir
    static Path data;
    static ApiServer server;
    static Client operator;

    @BeforeAll
    static void start() throws Exception {
        Path cluster = data.resolve("cluster.yaml");
        Files.writeString(cluster, "costs:\n  gpuCosts:\n    CPU: {1: 0.1}\nnodes:\n  - {id: local, gpuType: CPU, gpus: 1}\njobs: []\n");
        String token = Tokens.create(data, null, Role.OPERATOR, "services").token();
        server = ApiServer.start(ServerConfig.defaults(data).withPort(0).withGpuCluster(cluster));
        operator = new Client(server.port(), token);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void gpuJobsRunAreListedWithTheirBarsAndCanBeCancelled() throws Exception {
        Client.Answer short1 = operator.postJson("/api/v1/gpu/jobs",
                "{\"id\": \"short\", \"job\": \"java\", \"epochs\": 3, \"due_in_seconds\": 3600, \"priority\": 5, \"profile\": {\"CPUx1\": 0.05}}");
        assertThat(short1.status()).as(short1.body()).isEqualTo(201);
        Client.Answer long1 = operator.postJson("/api/v1/gpu/jobs",
                "{\"id\": \"long\", \"job\": \"java\", \"epochs\": 100000, \"due_in_seconds\": 7200, \"profile\": {\"CPUx1\": 0.05}}");
        assertThat(long1.status()).as(long1.body()).isEqualTo(201);
        assertThat(operator.postJson("/api/v1/gpu/jobs", "{\"id\": \"short\", \"epochs\": 3, \"due_in_seconds\": 60}").json()
                .get("code").asText()).isEqualTo("conflict");
        assertThat(operator.postJson("/api/v1/gpu/jobs", "{\"id\": \"x\", \"epochs\": 0, \"due_in_seconds\": 60, \"profile\": {\"TPUx9\": 1}}")
                .json().get("code").asText()).isEqualTo("invalid_request");
        JsonNode finished = waitFor("short", "finished");
        assertThat(finished.get("state").asText()).isEqualTo("finished");
        waitFor("long", "running");
        Client.Answer cancel = operator.delete("/api/v1/gpu/jobs/long");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        assertThat(cancel.json().get("state").asText()).isEqualTo("cancelled");
        JsonNode list = operator.get("/api/v1/gpu/jobs").json();
        assertThat(list.get("jobs").findValuesAsText("id")).containsExactly("short", "long");
        assertThat(list.get("segments").findValuesAsText("job")).contains("short", "long");
        assertThat(operator.get("/api/v1/gpu/jobs/none").json().get("code").asText()).isEqualTo("not_found");
    }

    private static JsonNode waitFor(String id, String state) throws InterruptedException {
        JsonNode job = null;
        for (int i = 0; i < 600; i++) {
            job = operator.get("/api/v1/gpu/jobs/" + id).json();
            if (job.get("state").asText().equals(state) || job.get("state").asText().equals("failed")) {
                return job;
            }
            Thread.sleep(100);
        }
        return job;
    }

    @Test
    void metricsWrittenThroughTheApiCanBeQueried() {
        Client.Answer write = operator.post("/api/v1/monitor/write?db=aisprint&precision=s", "text/plain",
                "cpu,host=edge1 busy=0.25 1700000000\ncpu,host=edge1 busy=0.75 1700000010\n".getBytes(StandardCharsets.UTF_8));
        assertThat(write.status()).as(write.body()).isEqualTo(204);
        Client.Answer bad = operator.post("/api/v1/monitor/write?db=aisprint", "text/plain", "cpu busy=oops".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        JsonNode series = operator.get("/api/v1/monitor/query?measurement=cpu&field=busy&from=0&aggregate=mean").json();
        assertThat(series.at("/series/0/samples/0/value").asDouble()).isEqualTo(0.5);
        assertThat(operator.as(null).get("/api/v1/monitor/query?measurement=cpu&field=busy").status()).isEqualTo(401);
    }
}
