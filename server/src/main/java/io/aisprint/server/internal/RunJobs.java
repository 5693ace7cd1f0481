package io.aisprint.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.placement.PlacementException;
import io.aisprint.platform.ApplicationManager;
import io.aisprint.platform.LoadProfile;
import io.aisprint.platform.PlatformException;
import io.aisprint.platform.ReportWriter;
import io.aisprint.platform.RunListener;
import io.aisprint.platform.RunOptions;
import io.aisprint.platform.RunResult;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ({@code aisprint run} through the API): stored as queued before they are acknowledged, run by
 * the platform's {@link ApplicationManager} on the embedded continuum, their live view published as
 * events, their summary stored and their report written under {@code DATA/runs/ID/} when they end.
 */
public final class RunJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunJobs.class);
    static final String LOAD_PROFILE_FILE = "load_profile.csv";

    public static final Schema REQUEST = Schema.object("RunRequest")
            .number("lambda", "constant Poisson arrival rate in requests per second", 0.001, 1e4)
            .array("load_profile", "arrival rate over time: steps {time_s, lambda}, the first at 0",
                    Schema.object("LoadStep").number("time_s", "start of the step in application seconds", 0.0, 1e6)
                            .number("lambda", "requests per second from then on", 0.0, 1e4).require("time_s", "lambda"))
            .number("duration", "application seconds of arrivals (default 60)", 1.0, 3600.0)
            .number("time_scale", "wall seconds per application second (default 0.5)", 0.05, 10.0)
            .integer("seed", "seed of arrivals and service times (default 1)", null, null)
            .bool("replan", "re-place at run time (default true)");

    /** Thrown from the listener to end a run that was asked to stop; the manager closes its continuum on the way out. */
    static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stopped on request", null, false, false);
        }
    }

    private final StateStore store;
    private final ApplicationService applications;
    private final Path runsDirectory;
    private final Clock clock;
    private final ExecutorService executor;
    private final Map<String, RunEvents> events = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stopRequested = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> futures = new ConcurrentHashMap<>();
    /** Set when the server shuts down: runs it ends then are interrupted, not stopped by a user. */
    private volatile boolean closing;

    public RunJobs(StateStore store, ApplicationService applications, Path dataDirectory, int concurrentRuns, Clock clock) {
        this.store = store;
        this.applications = applications;
        this.runsDirectory = dataDirectory.resolve("runs");
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(concurrentRuns, runnable -> {
            Thread thread = new Thread(runnable, "run-job");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stores a queued run and schedules it. */
    public StateStore.RunRow start(String applicationId, JsonNode request) {
        REQUEST.check(request);
        if (request.has("lambda") && request.has("load_profile")) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, "give lambda or load_profile, not both", "/load_profile", null);
        }
        SystemDescription system = applications.system(applicationId);
        RunOptions options = options(applicationId, system, request);
        StateStore.RunRow row = new StateStore.RunRow(Ids.next("run"), applicationId, StateStore.QUEUED, Json.write(request), null, null,
                clock.millis(), null, null);
        RunEvents live = new RunEvents((seq, event, data) -> {
            try {
                store.insertRunEvent(row.id(), seq, event, data);
            } catch (ServerException e) {
                // The run goes on; only its replay after a restart misses this event.
                LOG.warn("run {}: cannot store event {}: {}", row.id(), seq, e.getMessage());
            }
        });
        events.put(row.id(), live);
        try {
            store.insertRun(row);
        } catch (RuntimeException e) {
            events.remove(row.id());
            throw e;
        }
        futures.put(row.id(), executor.submit(() -> execute(row.id(), system, options, live)));
        return row;
    }

    private RunOptions options(String applicationId, SystemDescription system, JsonNode request) {
        LoadProfile profile;
        try {
            if (request.has("lambda")) {
                profile = LoadProfile.constant(request.get("lambda").asDouble());
            } else if (request.has("load_profile")) {
                List<LoadProfile.Step> steps = new ArrayList<>();
                request.get("load_profile").forEach(step -> steps.add(new LoadProfile.Step(step.get("time_s").asDouble(),
                        step.get("lambda").asDouble())));
                profile = new LoadProfile(steps);
            } else {
                Path entry = applications.entry(applications.get(applicationId));
                Path bundled = entry.resolve(LOAD_PROFILE_FILE);
                profile = Files.isDirectory(entry) && Files.isReadable(bundled) ? LoadProfile.read(bundled)
                        : LoadProfile.constant(system.application().lambda());
            }
            return RunOptions.defaults(profile).withDuration(request.path("duration").asDouble(60))
                    .withTimeScale(request.path("time_scale").asDouble(0.5)).withSeed(request.path("seed").asLong(1))
                    .withReplan(request.path("replan").asBoolean(true));
        } catch (PlatformException e) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, e.getMessage(), request.has("load_profile") ? "/load_profile" : "/",
                    null);
        }
    }

    private void execute(String id, SystemDescription system, RunOptions options, RunEvents live) {
        if (stopRequested.containsKey(id)) {
            finish(id, StateStore.STOPPED, null, "stopped before it started", live);
            return;
        }
        store.startRun(id, clock.millis());
        Map<String, Double> limits = new LinkedHashMap<>();
        system.application().localConstraints().forEach(c -> limits.put(c.component(), c.maxResponseTime()));
        system.application().globalConstraints().forEach(c -> limits.put(c.name(), c.maxResponseTime()));
        Map<String, List<String>> paths = new LinkedHashMap<>();
        system.application().globalConstraints().forEach(c -> paths.put(c.name(), c.components()));
        try {
            RunResult result = ApplicationManager.run(system, options, new RunListener() {
                @Override
                public void started(Placement placement, double costPerHour) {
                    live.publish("started", Json.write(RunEventJson.started(placement, costPerHour, limits, paths)));
                }

                @Override
                public void tick(RunResult.TimelinePoint point) {
                    live.publish("tick", Json.write(RunEventJson.tick(point)));
                    if (stopRequested.containsKey(id)) {
                        throw new StopRequested();
                    }
                }

                @Override
                public void replaced(RunResult.Replacement replacement) {
                    live.publish("replacement", Json.write(RunEventJson.replacement(replacement)));
                }

                @Override
                public void replanned(RunResult.ReplanAttempt attempt) {
                    live.publish("replan", Json.write(RunEventJson.replan(attempt)));
                }
            });
            ReportWriter.write(result, runsDirectory.resolve(id));
            finish(id, StateStore.DONE, Json.write(ReportWriter.summary(result)), null, live);
        } catch (StopRequested e) {
            if (closing) {
                finish(id, StateStore.INTERRUPTED, null, "the server stopped while this was in progress", live);
            } else {
                finish(id, StateStore.STOPPED, null, "stopped on request", live);
            }
        } catch (PlatformException | PlacementException e) {
            finish(id, StateStore.FAILED, null, e.getMessage(), live);
        } catch (RuntimeException e) {
            LOG.error("run {} failed", id, e);
            finish(id, StateStore.FAILED, null, "internal error: " + e, live);
        } finally {
            futures.remove(id);
            stopRequested.remove(id);
            // Clients still following hold the closed stream; later ones read the stored events.
            events.remove(id);
        }
    }

    private void finish(String id, String status, String summary, String error, RunEvents live) {
        store.finishRun(id, status, summary, error, clock.millis());
        ObjectNode end = Json.object();
        end.put("status", status);
        end.set("summary", Json.read(summary));
        end.put("error", error);
        live.close("end", Json.write(end));
    }

    public StateStore.RunRow get(String id) {
        return (Ids.valid(id) ? store.run(id) : Optional.<StateStore.RunRow>empty())
                .orElseThrow(() -> new ServerException(ErrorCode.NOT_FOUND, "no run " + id, "path: id",
                        "Maybe list them with GET /api/v1/runs."));
    }

    /** Asks a queued or running run to stop; it stops at its next tick. */
    public StateStore.RunRow stop(String id) {
        StateStore.RunRow row = get(id);
        if (!row.status().equals(StateStore.QUEUED) && !row.status().equals(StateStore.RUNNING)) {
            throw new ServerException(ErrorCode.CONFLICT, "run " + id + " is already " + row.status(), "path: id", null);
        }
        stopRequested.put(id, true);
        return row;
    }

    /** The run's events: the live ones while this server runs it, else the stored ones and a closing frame from the stored state. */
    public RunEvents events(String id) {
        StateStore.RunRow row = get(id);
        RunEvents live = events.get(id);
        if (live != null) {
            return live;
        }
        RunEvents stored = new RunEvents();
        store.runEvents(id).forEach(frame -> stored.publish(frame[0], frame[1]));
        ObjectNode end = Json.object();
        end.put("status", row.status());
        end.set("summary", Json.read(row.summary()));
        end.put("error", row.error());
        stored.close("end", Json.write(end));
        return stored;
    }

    public ObjectNode view(StateStore.RunRow row) {
        ObjectNode node = Json.object();
        node.put("id", row.id());
        node.put("application_id", row.applicationId());
        node.put("status", row.status());
        node.set("options", Json.read(row.options()));
        node.put("created_ms", row.createdMs());
        if (row.startedMs() != null) {
            node.put("started_ms", row.startedMs());
        }
        if (row.finishedMs() != null) {
            node.put("finished_ms", row.finishedMs());
        }
        node.put("error", row.error());
        RunEvents live = events.get(row.id());
        RunEvents.Frame last = live == null ? null : live.last("tick");
        if (last != null && row.status().equals(StateStore.RUNNING)) {
            node.set("live", Json.read(last.data()));
        }
        node.set("summary", Json.read(row.summary()));
        return node;
    }

    /** The report file of a finished run. */
    public Path report(String id, String file) {
        StateStore.RunRow row = get(id);
        Path path = runsDirectory.resolve(row.id()).resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new ServerException(ErrorCode.NOT_FOUND, "run " + id + " has no " + file + " (status " + row.status() + ")",
                    "path: id", "Maybe wait until the run is done; stopped and failed runs have no report.");
        }
        return path;
    }

    /** Every one, or those of one application. */
    public List<StateStore.RunRow> list(String applicationId) {
        return store.runs(applicationId);
    }

    public boolean busy(String applicationId) {
        return store.runs(applicationId).stream().anyMatch(r -> r.status().equals(StateStore.QUEUED)
                || r.status().equals(StateStore.RUNNING));
    }

    /** Ends every run at its next tick (marked interrupted) and waits a little for them to store that. */
    @Override
    public void close() {
        closing = true;
        futures.keySet().forEach(id -> stopRequested.put(id, true));
        executor.shutdown();
        try {
            executor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
