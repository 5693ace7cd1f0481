package io.aisprint.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.gpu.executor.ProcessExecutor;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST face of the scheduler.
 *
 * <ul>
 *   <li>{@code POST /optimizer/v5} (any version): the reference web service's request and
 *       answer, errors as {@code {"ERROR CODE": n, "message": ...}} with HTTP 400 (500 for an
 *       optimizer failure);</li>
 *   <li>{@code POST /jobs}, {@code GET /jobs}: submit real jobs to a {@link LiveCluster} and
 *       see where they run; a job without {@code "command"} runs the built-in training job
 *       named by {@code "job"}: {@code "djl"} (default) or {@code "java"} (only when the service runs with a cluster);</li>
 *   <li>{@code GET /health}.</li>
 * </ul>
 */
public final class WebService implements AutoCloseable {
    private final ObjectMapper mapper = new ObjectMapper();
    private final OptimizerService optimizer;
    private final LiveCluster cluster;
    private final Javalin app;

    public WebService(OptimizerService optimizer, LiveCluster cluster) {
        this.optimizer = optimizer;
        this.cluster = cluster;
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/health", context -> context.json(Map.of("status", "up", "cluster", cluster != null)));
        app.post("/optimizer", this::optimize);
        app.post("/optimizer/{version}", this::optimize);
        app.post("/jobs", this::submit);
        app.get("/jobs", this::jobs);
        app.get("/jobs/{id}", context -> context.json(cluster().job(context.pathParam("id"))));
        app.delete("/jobs/{id}", context -> context.json(cluster().cancel(context.pathParam("id"))));
        app.exception(GpuException.class, (error, context) -> fail(context, error));
    }

    public WebService start(String host, int port) {
        app.start(host, port);
        return this;
    }

    /** The port the service listens on (useful after starting on port 0). */
    public int port() {
        return app.port();
    }

    private void optimize(Context context) {
        JsonNode request = body(context);
        context.json(optimizer.answer(request));
    }

    private void submit(Context context) {
        if (cluster == null) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "This service runs without a cluster; start it with --cluster FILE to accept jobs.");
        }
        JsonNode job = body(context);
        String at = "job";
        InputKeys.check(InputKeys.LIVE_JOB, job, "POST /jobs body", mapper, context.body());
        if (!job.hasNonNull("id") || !job.hasNonNull("epochs") || !job.hasNonNull("dueInSeconds")) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "A job needs \"id\", \"epochs\" and \"dueInSeconds\".");
        }
        double weight = job.has("weight") ? job.get("weight").asDouble() : Job.weightOfPriority(job.path("priority").asInt(1));
        Map<Configuration, Double> profile = new LinkedHashMap<>();
        job.path("profile").fields().forEachRemaining(entry -> profile.put(ScenarioFile.configuration(entry.getKey(), at + ".profile"), entry.getValue().asDouble()));
        List<String> command = new ArrayList<>();
        job.path("command").forEach(part -> command.add(part.asText()));
        ProcessExecutor.DemoJob demo = ProcessExecutor.DemoJob.parse(job.path("job").asText("djl"), at + ".job");
        cluster.submit(job.get("id").asText(), job.get("dueInSeconds").asDouble(), weight, job.get("epochs").asInt(), profile,
            job.path("application").asText(""), command, demo);
        context.status(201).json(cluster.status());
    }

    private void jobs(Context context) {
        if (cluster == null) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "This service runs without a cluster; start it with --cluster FILE to run jobs.");
        }
        context.json(cluster.status());
    }

    private LiveCluster cluster() {
        if (cluster == null) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "This service runs without a cluster; start it with --cluster FILE to run jobs.");
        }
        return cluster;
    }

    private JsonNode body(Context context) {
        try {
            return mapper.readTree(context.body());
        } catch (java.io.IOException e) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "The request body is not JSON: " + e.getMessage());
        }
    }

    private void fail(Context context, GpuException error) {
        context.status(switch (error.code()) {
            case OPTIMIZER_FAILURE, EXECUTION -> 500;
            case UNKNOWN_JOB -> 404;
            default -> 400;
        });
        context.json(optimizer.error(error));
    }

    @Override
    public void close() {
        app.stop();
        if (cluster != null) {
            cluster.close();
        }
    }
}
