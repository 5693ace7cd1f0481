package io.aisprint.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.model.ModelException;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SolutionJsonReader;
import io.aisprint.model.io.SolutionJsonWriter;
import io.aisprint.perf.PerfException;
import io.aisprint.placement.DesignOptions;
import io.aisprint.placement.DesignResult;
import io.aisprint.placement.Designer;
import io.aisprint.placement.MaximumLoad;
import io.aisprint.placement.PlacementException;
import io.aisprint.placement.SearchMethod;
import io.aisprint.placement.Semantics;
import io.aisprint.server.DesignJson;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Design jobs (SPACE4AI-D) run in the background: a job is stored as queued before it is
 * acknowledged, shows its progress (elapsed time against the time limit, best cost so far) while it
 * runs, and stores its result in the {@code aisprint design --json} shape.
 */
public final class DesignJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesignJobs.class);

    public static final Schema REQUEST = Schema.object("DesignRequest")
            .choice("method", "search method (default auto: random greedy + local search, branch and bound beside it)",
                    List.of("auto", "rg", "ls", "tabu", "sa", "exact"))
            .number("lambda", "load in requests per second (default: the application's)", 0.0, 1e6)
            .number("time_limit", "search time in seconds (default 10)", 0.05, 600.0)
            .integer("seed", "random seed (default 1)", null, null)
            .integer("threads", "worker threads (default 1)", 1.0, 64.0)
            .choice("semantics", "where the reference tools differ, follow the C++ (default) or the Python one", List.of("cpp", "python"))
            .bool("max_load", "also find the maximum sustainable λ of the best placement");

    public static final Schema EVALUATION = Schema.object("EvaluationRequest")
            .anyObject("solution", "a SPACE4AI-D solution JSON (as design --out writes it)")
            .number("lambda", "load in requests per second (default: the solution's)", 0.0, 1e6)
            .choice("semantics", "C++ (default) or Python reference semantics", List.of("cpp", "python"))
            .bool("max_load", "also find the maximum sustainable λ of this placement")
            .require("solution");

    /** What a running job shows. */
    record Progress(long startNanos, double timeLimitSeconds, double bestCost) {
    }

    private final StateStore store;
    private final ApplicationService applications;
    private final Clock clock;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "design-job");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    public DesignJobs(StateStore store, ApplicationService applications, Clock clock) {
        this.store = store;
        this.applications = applications;
        this.clock = clock;
    }

    /** Stores a queued job and starts it; the application must be valid. */
    public StateStore.DesignRow start(String applicationId, JsonNode request) {
        REQUEST.check(request);
        SystemDescription system = applications.system(applicationId);
        StateStore.DesignRow row = new StateStore.DesignRow(Ids.next("des"), applicationId, StateStore.QUEUED, Json.write(request), null,
                null, clock.millis(), null);
        store.insertDesign(row);
        progress.put(row.id(), new Progress(0, request.path("time_limit").asDouble(10), Double.NaN));
        executor.submit(() -> execute(row.id(), system, request));
        return row;
    }

    private void execute(String id, SystemDescription system, JsonNode request) {
        try {
            SystemDescription target = request.has("lambda") ? system.withLambda(request.get("lambda").asDouble()) : system;
            double timeLimit = request.path("time_limit").asDouble(10);
            long start = System.nanoTime();
            progress.put(id, new Progress(start, timeLimit, Double.NaN));
            store.startDesign(id);
            DesignOptions options = DesignOptions.defaults()
                    .withMethod(SearchMethod.parse(request.path("method").asText("auto")))
                    .withSeed(request.path("seed").asLong(1))
                    .withThreads(request.path("threads").asInt(1))
                    .withSemantics(semantics(request))
                    .withTimeLimit(Duration.ofMillis((long) (timeLimit * 1000)))
                    .withProgress(cost -> progress.put(id, new Progress(start, timeLimit, cost)));
            DesignResult result = Designer.create().design(target, options);
            MaximumLoad.Result load = request.path("max_load").asBoolean(false) && result.best().isPresent()
                    ? MaximumLoad.of(target, result.best().get(), options.semantics(), 1e-4) : null;
            String solution = result.best().map(best -> SolutionJsonWriter.toString(target, best)).orElse(null);
            store.finishDesign(id, StateStore.DONE, Json.write(DesignJson.design(result, load)), solution, null, clock.millis());
        } catch (PlacementException | ModelException | PerfException e) {
            store.finishDesign(id, StateStore.FAILED, null, null, e.getMessage(), clock.millis());
        } catch (RuntimeException e) {
            LOG.error("design {} failed", id, e);
            store.finishDesign(id, StateStore.FAILED, null, null, "internal error: " + e, clock.millis());
        } finally {
            progress.remove(id);
        }
    }

    private static Semantics semantics(JsonNode request) {
        return "python".equals(request.path("semantics").asText("cpp")) ? Semantics.python() : Semantics.cpp();
    }

    public StateStore.DesignRow get(String id) {
        return (Ids.valid(id) ? store.design(id) : java.util.Optional.<StateStore.DesignRow>empty())
                .orElseThrow(() -> new ServerException(ErrorCode.NOT_FOUND, "no design " + id, "path: id",
                        "Maybe list them with GET /api/v1/designs."));
    }

    /** The job as the API shows it: status, progress while running, the result when done. */
    public ObjectNode view(StateStore.DesignRow row) {
        ObjectNode node = Json.object();
        node.put("id", row.id());
        node.put("application_id", row.applicationId());
        node.put("status", row.status());
        node.set("options", Json.read(row.options()));
        Progress running = progress.get(row.id());
        if (running != null && (row.status().equals(StateStore.RUNNING) || row.status().equals(StateStore.QUEUED))) {
            ObjectNode p = node.putObject("progress");
            double elapsed = running.startNanos() == 0 ? 0 : (System.nanoTime() - running.startNanos()) / 1e9;
            p.put("elapsed_s", elapsed);
            p.put("time_limit_s", running.timeLimitSeconds());
            p.put("fraction", Math.min(1, elapsed / running.timeLimitSeconds()));
            DesignJson.putNumber(p, "best_cost", running.bestCost());
        }
        node.set("result", Json.read(row.result()));
        node.put("error", row.error());
        node.put("created_ms", row.createdMs());
        if (row.finishedMs() != null) {
            node.put("finished_ms", row.finishedMs());
        }
        return node;
    }

    /** The stored SPACE4AI-D solution of a finished design. */
    public String solution(String id) {
        return store.solution(id).orElseThrow(() -> new ServerException(ErrorCode.CONFLICT, "design " + id + " has no placement",
                "path: id", "Maybe wait until GET /api/v1/designs/" + id + " says done with a feasible result."));
    }

    /** The maximum sustainable λ of a finished design's best placement. */
    public ObjectNode maximumLoad(String id, String semanticsName) {
        StateStore.DesignRow row = get(id);
        String solution = store.solution(id).orElseThrow(() -> new ServerException(ErrorCode.CONFLICT,
                "design " + id + " has no placement (status " + row.status() + ")", "path: id",
                "Maybe wait until GET /api/v1/designs/" + id + " says done with a feasible result."));
        SystemDescription system = applications.system(row.applicationId());
        try {
            Placement placement = SolutionJsonReader.read(solution, "design " + id, system);
            MaximumLoad.Result load = MaximumLoad.of(system, placement, "python".equals(semanticsName) ? Semantics.python()
                    : Semantics.cpp(), 1e-4);
            ObjectNode node = Json.object();
            node.put("design_id", id);
            DesignJson.putNumber(node, "max_lambda", load.lambda());
            DesignJson.putNumber(node, "lower", load.lower());
            DesignJson.putNumber(node, "upper", load.upper());
            node.put("evaluations", load.evaluations());
            return node;
        } catch (PlacementException | ModelException | PerfException e) {
            throw new ServerException(ErrorCode.INFEASIBLE, e.getMessage(), "design " + id, null);
        }
    }

    /** Evaluates a given solution on an application: exact response times, rules and cost ({@code aisprint evaluate --json}). */
    public ObjectNode evaluate(String applicationId, JsonNode request) {
        EVALUATION.check(request);
        SystemDescription system = applications.system(applicationId);
        try {
            Placement stored = SolutionJsonReader.read(Json.write(request.get("solution")), "solution", system);
            if (stored.components().isEmpty()) {
                throw new ServerException(ErrorCode.INFEASIBLE, "the solution is marked infeasible and places nothing", "/solution", null);
            }
            double lambda = request.has("lambda") ? request.get("lambda").asDouble() : stored.lambda();
            Semantics semantics = semantics(request);
            var evaluation = io.aisprint.placement.PlacementEvaluator.evaluate(system, stored, lambda, semantics);
            ObjectNode root = DesignJson.placement(evaluation.placement());
            if (request.path("max_load").asBoolean(false)) {
                root.put("max_lambda", MaximumLoad.of(system, stored, semantics, 1e-4).lambda());
            }
            root.put("first_violation", evaluation.firstViolation());
            DesignJson.putNumber(root, "stored_total_cost", stored.totalCost());
            return root;
        } catch (ModelException e) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, "the solution does not fit the application", "/solution",
                    "Maybe take the solution of a design of this application (GET /api/v1/designs/{id}/solution).",
                    e.problems().stream().map(p -> new ServerException.Problem("/solution " + p.location(), p.message())).toList());
        } catch (PlacementException | PerfException e) {
            throw new ServerException(ErrorCode.INFEASIBLE, e.getMessage(), "/solution", null);
        }
    }

    /** Every one, or those of one application. */
    public List<StateStore.DesignRow> list(String applicationId) {
        return store.designs(applicationId);
    }

    public boolean busy(String applicationId) {
        return store.designs(applicationId).stream().anyMatch(d -> d.status().equals(StateStore.QUEUED)
                || d.status().equals(StateStore.RUNNING));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
