package io.aisprint.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.gpu.Configuration;
import io.aisprint.gpu.GpuException;
import io.aisprint.gpu.Job;
import io.aisprint.gpu.LiveCluster;
import io.aisprint.gpu.OptimizerOptions;
import io.aisprint.gpu.OptimizerService;
import io.aisprint.gpu.Policies;
import io.aisprint.gpu.Scenario;
import io.aisprint.gpu.ScenarioFile;
import io.aisprint.gpu.Segment;
import io.aisprint.gpu.executor.ProcessExecutor;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The GPU scheduler mounted in the server: the reference optimizer service always, and real
 * training jobs on a {@link LiveCluster} when the server was given a cluster file.
 */
public final class GpuJobs implements AutoCloseable {
    public static final Schema JOB = Schema.object("GpuJobRequest")
            .string("id", "job id (letters, digits, - and _)")
            .integer("epochs", "epochs to train", 1.0, 1e6)
            .number("due_in_seconds", "due date, seconds from now", 1.0, 1e8)
            .integer("priority", "1 (low) to 5 (high); default 1", 1.0, 5.0)
            .number("weight", "tardiness weight instead of the priority", 0.0, 1e3)
            .anyObject("profile", "seconds per epoch by configuration, e.g. {\"K80x1\": 12.5}; without it the job is profiled first")
            .string("application", "jobs of one application share profiles")
            .choice("job", "built-in training job: djl (PyTorch through DJL, default) or java (pure Java)", List.of("djl", "java"))
            .require("id", "epochs", "due_in_seconds");

    private final OptimizerService optimizer = OptimizerService.reference();
    private final LiveCluster cluster;
    private final ScheduledExecutorService ticker;
    private final Map<String, Double> submitted = new LinkedHashMap<>();

    public GpuJobs(Path clusterFile, Path workDirectory) {
        if (clusterFile == null) {
            cluster = null;
            ticker = null;
            return;
        }
        try {
            Scenario scenario = ScenarioFile.read(clusterFile);
            cluster = new LiveCluster(scenario.nodes(), scenario.costs(), Policies.create("PR",
                    OptimizerOptions.defaults().withTimeLimitMillis(800)), workDirectory, ProcessExecutor.GpuBinding.CUDA, Map.of(),
                    Clock.systemUTC());
        } catch (GpuException e) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, e.getMessage(), clusterFile.toString(),
                    "Maybe see docs/gpu.md for the cluster file (nodes and costs).");
        }
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gpu-ticker");
            thread.setDaemon(true);
            return thread;
        });
        // The manager's timers (re-plans past a planned end, idle VMs) need a clock tick.
        ticker.scheduleWithFixedDelay(() -> {
            try {
                cluster.tick();
            } catch (GpuException e) {
                // the next tick tries again
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** The reference optimizer service's answer to its request ({@code POST /optimizer/v5}). */
    public JsonNode optimize(JsonNode request) {
        try {
            return optimizer.answer(request);
        } catch (GpuException e) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, e.getMessage(), "body",
                    "Maybe compare with the reference optimizer's request (docs/gpu.md).");
        }
    }

    private LiveCluster cluster() {
        if (cluster == null) {
            throw new ServerException(ErrorCode.UNAVAILABLE, "this server runs no GPU cluster", "server",
                    "Maybe start it with 'aisprint serve --gpu-cluster FILE' (nodes and costs as in docs/gpu-trace-example.yaml).");
        }
        return cluster;
    }

    public ObjectNode submit(JsonNode body) {
        JOB.check(body);
        String id = body.get("id").asText();
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, "a job id has 1 to 64 letters, digits, - or _, got '" + id + "'", "/id", null);
        }
        Map<Configuration, Double> profile = new LinkedHashMap<>();
        List<ServerException.Problem> problems = new ArrayList<>();
        body.path("profile").fields().forEachRemaining(entry -> {
            try {
                profile.put(ScenarioFile.configuration(entry.getKey(), "/profile/" + entry.getKey()), entry.getValue().asDouble());
            } catch (GpuException e) {
                problems.add(new ServerException.Problem("/profile/" + entry.getKey(), e.getMessage()));
            }
            if (!entry.getValue().isNumber() || entry.getValue().asDouble() <= 0) {
                problems.add(new ServerException.Problem("/profile/" + entry.getKey(), "expected seconds per epoch > 0"));
            }
        });
        if (!problems.isEmpty()) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, problems.get(0).message(), problems.get(0).where(), null, problems);
        }
        double weight = body.has("weight") ? body.get("weight").asDouble() : Job.weightOfPriority(body.path("priority").asInt(1));
        try {
            cluster().submit(id, body.get("due_in_seconds").asDouble(), weight, body.get("epochs").asInt(), profile,
                    body.path("application").asText(""), List.of(), ProcessExecutor.DemoJob.parse(body.path("job").asText("djl"), "/job"));
        } catch (GpuException e) {
            throw new ServerException(ErrorCode.CONFLICT, e.getMessage(), "/id", null);
        }
        submitted.put(id, cluster.now());
        return job(id);
    }

    /** Every job with its state, and the Gantt bars. */
    public ObjectNode list() {
        Map<String, Object> status = cluster().status();
        ObjectNode node = Json.object();
        node.put("time", (Double) status.get("time"));
        ArrayNode jobs = node.putArray("jobs");
        submitted.keySet().forEach(id -> jobs.add(state(id, status)));
        ArrayNode bars = node.putArray("segments");
        for (Segment segment : cluster.segments()) {
            ObjectNode bar = bars.addObject().put("job", segment.jobId()).put("node", segment.nodeId())
                    .put("configuration", segment.configuration().toString()).put("start", segment.start()).put("end", segment.end())
                    .put("profiling", segment.profiling());
            ArrayNode gpus = bar.putArray("gpus");
            segment.gpuIndices().forEach(gpus::add);
        }
        ArrayNode nodes = node.putArray("nodes");
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        cluster.segments().forEach(s -> seen.add(s.nodeId()));
        seen.forEach(nodes::add);
        node.put("preemptions", (Integer) status.get("preemptions"));
        node.put("migrations", (Integer) status.get("migrations"));
        return node;
    }

    public ObjectNode job(String id) {
        if (!submitted.containsKey(id)) {
            throw new ServerException(ErrorCode.NOT_FOUND, "no GPU job " + id, "path: id", "Maybe list them with GET /api/v1/gpu/jobs.");
        }
        return state(id, cluster().status());
    }

    public ObjectNode cancel(String id) {
        job(id);
        try {
            cluster.cancel(id);
        } catch (GpuException e) {
            throw new ServerException(ErrorCode.CONFLICT, e.getMessage(), "path: id", null);
        }
        return job(id);
    }

    @SuppressWarnings("unchecked")
    private ObjectNode state(String id, Map<String, Object> status) {
        ObjectNode node = Json.object().put("id", id).put("submitted_at", submitted.get(id));
        Map<String, Object> running = (Map<String, Object>) status.get("running");
        Map<String, String> failed = (Map<String, String>) status.get("failed");
        String state;
        if (((List<String>) status.get("cancelled")).contains(id)) {
            state = "cancelled";
        } else if (failed.containsKey(id)) {
            state = "failed";
            node.put("error", failed.get(id));
        } else if (((List<String>) status.get("finished")).contains(id)) {
            state = "finished";
        } else if (running.containsKey(id)) {
            state = "running";
            Map<String, Object> run = (Map<String, Object>) running.get(id);
            node.put("node", String.valueOf(run.get("node"))).put("configuration", String.valueOf(run.get("configuration")))
                    .put("completed", ((Number) run.get("completed")).doubleValue());
            node.set("gpus", Json.MAPPER.valueToTree(run.get("gpus")));
        } else if (((List<String>) status.get("profiling")).contains(id)) {
            state = "profiling";
        } else {
            state = "waiting";
        }
        return node.put("state", state);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
