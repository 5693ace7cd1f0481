package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.gpu.executor.ProcessExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebServiceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(int port, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheAnchorCasesOverHttpWithTheReferenceErrorCodes() throws Exception {
        Path examples = Anchors.gpuScheduler().resolve("webservice_examples");
        try (WebService service = new WebService(OptimizerService.reference(), null).start("127.0.0.1", 0)) {
            for (int number = 1; number <= 16; number++) {
                JsonNode testCase = MAPPER.readTree(examples.resolve(String.format("case_%02d.json", number)).toFile());
                HttpResponse<String> response = post(service.port(), "/optimizer/v5", testCase.get("request").toString());
                JsonNode expected = testCase.get("expected_response");
                JsonNode body = MAPPER.readTree(response.body());
                if (expected.has("ERROR CODE")) {
                    assertThat(response.statusCode()).as("case %d", number).isEqualTo(400);
                    assertThat(body.get("ERROR CODE").asInt()).as("case %d", number).isEqualTo(expected.get("ERROR CODE").asInt());
                    assertThat(body.get("message").asText()).isNotBlank();
                } else {
                    assertThat(response.statusCode()).as("case %d", number).isEqualTo(200);
                    assertThat(body.has("estimated_cost")).isTrue();
                    assertThat(body.get("jobs").size()).isPositive();
                }
            }
            HttpResponse<String> missingJobs = post(service.port(), "/optimizer/v5", "{\"nodes\": {}}");
            assertThat(MAPPER.readTree(missingJobs.body()).get("ERROR CODE").asInt()).isEqualTo(414);
            HttpResponse<String> missingTime = post(service.port(), "/optimizer/v5", "{\"jobs\": {}, \"nodes\": {}}");
            assertThat(MAPPER.readTree(missingTime.body()).get("ERROR CODE").asInt()).isEqualTo(434);
            HttpResponse<String> missingCosts = post(service.port(), "/optimizer/v5",
                "{\"jobs\": {}, \"nodes\": {}, \"currentTime\": \"Tue 21 Jul 2020, 17.56.59\"}");
            assertThat(MAPPER.readTree(missingCosts.body()).get("ERROR CODE").asInt()).isEqualTo(474);
            HttpResponse<String> notJson = post(service.port(), "/optimizer/v5", "{nope");
            assertThat(notJson.statusCode()).isEqualTo(400);
            HttpResponse<String> unknownMethod = post(service.port(), "/optimizer/v5",
                MAPPER.readTree(examples.resolve("case_01.json").toFile()).get("request").deepCopy()
                    .<com.fasterxml.jackson.databind.node.ObjectNode>require().put("method", "MAGIC").toString());
            assertThat(MAPPER.readTree(unknownMethod.body()).get("ERROR CODE").asInt()).isEqualTo(2);
        }
    }

    @Test
    void runsSubmittedJobsOnALiveClusterAndProfilesUnseenOnes(@TempDir Path work) throws Exception {
        io.aisprint.gpu.executor.PyTorch.assumeAvailable(); // the unseen job runs the default DJL job
        GpuCostTable costs = new GpuCostTable(Map.of("CPU", new TreeMap<>(Map.of(1, 0.1))), Map.of());
        LiveCluster cluster = new LiveCluster(List.of(new Node("local", "CPU", 1, 0)), costs,
            Policies.create("G", OptimizerOptions.defaults()), work, ProcessExecutor.GpuBinding.CUDA, Map.of(), Clock.systemUTC());
        try (WebService service = new WebService(OptimizerService.reference(), cluster).start("127.0.0.1", 0)) {
            HttpResponse<String> first = post(service.port(), "/jobs",
                "{\"id\": \"known\", \"job\": \"java\", \"epochs\": 5, \"dueInSeconds\": 3600, \"priority\": 3, \"profile\": {\"CPUx1\": 0.05}}");
            assertThat(first.statusCode()).isEqualTo(201);
            HttpResponse<String> unknownJob = post(service.port(), "/jobs",
                "{\"id\": \"odd\", \"job\": \"tensorflow\", \"epochs\": 5, \"dueInSeconds\": 3600}");
            assertThat(unknownJob.statusCode()).isEqualTo(400);
            assertThat(unknownJob.body()).contains("job.job").contains("tensorflow");
            HttpResponse<String> second = post(service.port(), "/jobs",
                "{\"id\": \"unseen\", \"epochs\": 6, \"dueInSeconds\": 3600, \"priority\": 1, \"application\": \"mlp\"}");
            assertThat(second.statusCode()).isEqualTo(201);
            JsonNode status = null;
            for (int attempt = 0; attempt < 600; attempt++) {
                status = MAPPER.readTree(get(service.port(), "/jobs").body());
                if (status.get("finished").size() + status.get("failed").size() == 2) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(status.get("failed").size()).as(status.toString()).isZero();
            assertThat(status.get("finished")).extracting(JsonNode::asText).containsExactlyInAnyOrder("known", "unseen");
        }
        assertThat(Files.readString(work.resolve("known.log"))).contains("CUDA_VISIBLE_DEVICES=0 ").contains("done");
        // The unseen job ran its profiling epochs first; the real run resumed from them.
        assertThat(Files.readString(work.resolve("unseen.log"))).contains("epoch 2/2").contains("resumed from epoch 2").contains("epoch 6/6");
    }

    @Test
    void oneJobCanBeReadAndCancelledAndAJobForMissingGpusIsRefused(@TempDir Path work) throws Exception {
        GpuCostTable costs = new GpuCostTable(Map.of("CPU", new TreeMap<>(Map.of(1, 0.1))), Map.of());
        LiveCluster cluster = new LiveCluster(List.of(new Node("local", "CPU", 1, 0)), costs,
            Policies.create("G", OptimizerOptions.defaults()), work, ProcessExecutor.GpuBinding.CUDA, Map.of(), Clock.systemUTC());
        try (WebService service = new WebService(OptimizerService.reference(), cluster).start("127.0.0.1", 0)) {
            HttpResponse<String> elsewhere = post(service.port(), "/jobs",
                "{\"id\": \"v100-only\", \"job\": \"java\", \"epochs\": 5, \"dueInSeconds\": 3600, \"profile\": {\"V100x1\": 2.0}}");
            assertThat(elsewhere.statusCode()).isEqualTo(400);
            assertThat(elsewhere.body()).contains("V100x1").contains("no node of this cluster offers").contains("CPU");

            HttpResponse<String> long_ = post(service.port(), "/jobs",
                "{\"id\": \"long\", \"job\": \"java\", \"epochs\": 1000000, \"dueInSeconds\": 3600, \"profile\": {\"CPUx1\": 0.05}}");
            assertThat(long_.statusCode()).isEqualTo(201);
            JsonNode running = MAPPER.readTree(get(service.port(), "/jobs/long").body());
            assertThat(running.get("state").asText()).isEqualTo("running");
            assertThat(running.get("node").asText()).isEqualTo("local");

            HttpResponse<String> cancelled = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/jobs/long"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cancelled.statusCode()).isEqualTo(200);
            assertThat(MAPPER.readTree(cancelled.body()).get("state").asText()).isEqualTo("cancelled");
            assertThat(MAPPER.readTree(get(service.port(), "/jobs").body()).get("running").size()).isZero();

            HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/jobs/long"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(again.body()).contains("already finished or was cancelled");
            HttpResponse<String> unknown = get(service.port(), "/jobs/nobody");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("No job nobody");
        }
    }
}
