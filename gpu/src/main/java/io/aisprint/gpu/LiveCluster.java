package io.aisprint.gpu;

import io.aisprint.gpu.executor.ProcessExecutor;
import io.aisprint.gpu.internal.JobManager;
import io.aisprint.gpu.internal.ProfileStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A real cluster run by the job manager: jobs are local processes started by the
 * {@link ProcessExecutor}, and every event (submission, completion, end of profiling, timer)
 * is handled on one thread, so the manager sees one event at a time. Times are seconds since
 * the cluster started, read from the injected clock.
 */
public final class LiveCluster implements AutoCloseable {
    private final ExecutorService loop = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gpu-manager");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;
    private final long startMillis;
    private final ProcessExecutor executor;
    private final JobManager manager;
    private final List<String> finished = new ArrayList<>();
    private final Map<String, String> failed = new LinkedHashMap<>();

    public LiveCluster(List<Node> nodes, CostModel costs, SchedulingPolicy policy, Path workDirectory,
                       ProcessExecutor.GpuBinding binding, Map<String, String> hostOfNode, Clock clock) {
        this.clock = clock;
        this.startMillis = clock.millis();
        this.executor = new ProcessExecutor(workDirectory, binding, hostOfNode, new ProcessExecutor.Listener() {
            @Override
            public void finished(String jobId) {
                loop.submit(() -> {
                    manager.jobFinished(jobId, now());
                    finished.add(jobId);
                });
            }

            @Override
            public void profiled(String jobId, Map<Configuration, Double> secondsPerEpoch, double epochsDone) {
                loop.submit(() -> manager.profilingFinished(jobId, secondsPerEpoch, epochsDone, now()));
            }

            @Override
            public void failed(String jobId, String message) {
                loop.submit(() -> {
                    failed.put(jobId, message);
                    if (manager.running().containsKey(jobId)) {
                        manager.jobFinished(jobId, now());
                    }
                });
            }
        });
        this.manager = new JobManager(nodes, costs, policy, new ProfileStore(), ManagerOptions.defaults(), executor);
    }

    /** Seconds since the cluster started. */
    public double now() {
        return (clock.millis() - startMillis) / 1000.0;
    }

    /**
     * Submits a job; its release and due date are taken relative to now. With an empty
     * command it runs the built-in {@code demo} training job.
     */
    public void submit(String id, double dueInSeconds, double weight, int epochs, Map<Configuration, Double> profile,
                       String application, List<String> command, ProcessExecutor.DemoJob demo) {
        call(() -> {
            double now = now();
            executor.register(id, new ProcessExecutor.JobSpec(epochs, command, demo));
            manager.submit(new Job(id, now, now + dueInSeconds, weight, epochs, profile, 0, application, ""), now);
            return null;
        });
    }

    /** What runs where, what waits, what is done. */
    public Map<String, Object> status() {
        return call(() -> {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("time", now());
            Map<String, Object> running = new LinkedHashMap<>();
            manager.running().forEach((id, run) -> running.put(id, Map.of("node", run.assignment().nodeId(),
                "configuration", run.assignment().configuration().toString(), "gpus", run.gpuIndices(),
                "completed", manager.completed(id))));
            status.put("running", running);
            status.put("profiling", new ArrayList<>(manager.profilingRuns().keySet()));
            List<String> waiting = new ArrayList<>();
            manager.activeJobs().keySet().stream().filter(id -> !manager.running().containsKey(id)
                && !manager.profilingRuns().containsKey(id)).forEach(waiting::add);
            status.put("waiting", waiting);
            status.put("finished", List.copyOf(finished));
            status.put("failed", Map.copyOf(failed));
            status.put("cancelled", manager.cancelled());
            status.put("preemptions", manager.preemptions());
            status.put("migrations", manager.migrations());
            return status;
        });
    }

    /** One job: its state (running, profiling, waiting, finished, failed, cancelled) and where it runs. */
    public Map<String, Object> job(String id) {
        return call(() -> {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("id", id);
            JobManager.Running run = manager.running().get(id);
            String state;
            if (run != null) {
                state = "running";
                job.put("node", run.assignment().nodeId());
                job.put("configuration", run.assignment().configuration().toString());
                job.put("gpus", run.gpuIndices());
            } else if (manager.profilingRuns().containsKey(id)) {
                state = "profiling";
            } else if (manager.activeJobs().containsKey(id)) {
                state = "waiting";
            } else if (failed.containsKey(id)) {
                state = "failed";
                job.put("reason", failed.get(id));
            } else if (manager.cancelled().contains(id)) {
                state = "cancelled";
            } else if (finished.contains(id)) {
                state = "finished";
            } else {
                throw new GpuException(ErrorCode.UNKNOWN_JOB, "No job " + id + " was submitted to this cluster.");
            }
            job.put("state", state);
            job.put("completed", manager.completed(id));
            return job;
        });
    }

    /** Cancels a job: a running one checkpoints and stops; returns the job's state afterwards. */
    public Map<String, Object> cancel(String id) {
        call(() -> manager.cancel(id, now()));
        return job(id);
    }

    /** Every stretch a job ran on GPUs of a node so far, the running ones up to now: the bars of a Gantt chart. */
    public List<Segment> segments() {
        return call(() -> {
            double now = now();
            List<Segment> all = new ArrayList<>(manager.segments());
            manager.running().forEach((id, run) -> all.add(new Segment(id, run.assignment().nodeId(), run.gpuIndices(),
                run.assignment().configuration(), run.since(), now, false)));
            manager.profilingRuns().forEach((id, run) -> all.add(new Segment(id, run.assignment().nodeId(), run.gpuIndices(),
                run.assignment().configuration(), run.since(), now, true)));
            return all;
        });
    }

    public void tick() {
        call(() -> {
            manager.tick(now());
            return null;
        });
    }

    private <T> T call(java.util.concurrent.Callable<T> action) {
        Future<T> result = loop.submit(action);
        try {
            return result.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GpuException gpuException) {
                throw gpuException;
            }
            throw new GpuException(ErrorCode.EXECUTION, "The job manager failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GpuException(ErrorCode.EXECUTION, "Interrupted while waiting for the job manager.", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new GpuException(ErrorCode.EXECUTION, "The job manager did not answer within 120 s.", e);
        }
    }

    /** Stops running jobs (they checkpoint) and the event loop. */
    @Override
    public void close() {
        executor.close();
        loop.shutdownNow();
    }
}
