package io.aisprint.gpu.internal;

import io.aisprint.gpu.Assignment;
import io.aisprint.gpu.Configuration;
import io.aisprint.gpu.CostModel;
import io.aisprint.gpu.ErrorCode;
import io.aisprint.gpu.GpuException;
import io.aisprint.gpu.Job;
import io.aisprint.gpu.JobState;
import io.aisprint.gpu.ManagerOptions;
import io.aisprint.gpu.Node;
import io.aisprint.gpu.Plan;
import io.aisprint.gpu.SchedulingPolicy;
import io.aisprint.gpu.SchedulingProblem;
import io.aisprint.gpu.Segment;
import io.aisprint.gpu.spi.ExecutionBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * The event-driven job manager. At every submission and completion it asks the policy for a
 * new plan and applies the difference: jobs whose node or configuration changed are preempted
 * (they checkpoint) and restarted elsewhere with their progress carried over; jobs left out
 * wait. Unseen jobs are profiled first on a node that is idle (later, if none is); finished
 * jobs refresh the profile store. In the cloud, a node idle for longer than the configured
 * time has its VM released.
 *
 * <p>Not thread-safe: one caller (the simulator, or the service's event loop) drives it.
 */
public final class JobManager {
    private static final double EPSILON = 1e-9;

    /** A job in progress: where, on which GPUs, since when. */
    public record Running(Assignment assignment, List<Integer> gpuIndices, double since) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final CostModel costs;
    private final SchedulingPolicy policy;
    private final ProfileStore store;
    private final ManagerOptions options;
    private final ExecutionBackend backend;

    private final Map<String, Job> active = new LinkedHashMap<>();
    private final Map<String, Double> completed = new HashMap<>();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Map<String, double[]> gpuLoad = new HashMap<>();
    private final Set<String> waitingForProfiling = new LinkedHashSet<>();
    private final List<String> cancelled = new ArrayList<>();
    private final Map<String, Running> profiling = new LinkedHashMap<>();
    private final Map<String, Double> idleSince = new HashMap<>();
    private final Map<String, Integer> allocatedGpus = new HashMap<>();
    private final List<Segment> segments = new ArrayList<>();
    private final List<Double> decisionMillis = new ArrayList<>();
    /** When each running job reaches the end the plan assumed (early-stopping planning only). */
    private final Map<String, Double> plannedEnd = new HashMap<>();
    private double clock = Double.NEGATIVE_INFINITY;
    private int preemptions;
    private int migrations;

    public JobManager(List<Node> nodeList, CostModel costs, SchedulingPolicy policy, ProfileStore store,
                      ManagerOptions options, ExecutionBackend backend) {
        for (Node node : nodeList) {
            nodes.put(node.id(), node);
            gpuLoad.put(node.id(), new double[node.gpus()]);
        }
        this.costs = Objects.requireNonNull(costs, "costs");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    // ---- events ----

    public void submit(Job job, double now) {
        advance(now);
        if (active.containsKey(job.id()) || completed.containsKey(job.id()) && completed.get(job.id()) >= 1) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Job " + job.id() + " was already submitted.");
        }
        if (job.isProfiled()) {
            Set<String> types = new java.util.TreeSet<>();
            nodes.values().forEach(node -> types.add(node.gpuType()));
            boolean runnable = job.secondsPerEpoch().keySet().stream().anyMatch(c -> types.contains(c.gpuType())
                && nodes.values().stream().anyMatch(node -> node.gpuType().equals(c.gpuType()) && node.gpus() >= Math.ceil(c.gpuShare())));
            if (!runnable) {
                throw new GpuException(ErrorCode.MISSING_PROFILING, "Job " + job.id() + " is profiled only on "
                    + job.secondsPerEpoch().keySet() + ", which no node of this cluster offers (GPU types here: " + types + ").\n"
                    + "Maybe profile it on one of these types, or submit it without a profile so the profiler measures it.");
            }
        }
        Job known = job;
        if (!job.isProfiled()) {
            Map<Configuration, Double> stored = store.profile(job.application());
            if (stored.isEmpty()) {
                waitingForProfiling.add(job.id());
            } else {
                known = job.withProfile(stored);
            }
        }
        active.put(job.id(), known);
        completed.putIfAbsent(job.id(), 0.0);
        reschedule(now);
    }

    /** A job ended (all its epochs, or stopped early by its own convergence test). */
    public void jobFinished(String jobId, double now) {
        advance(now);
        Running run = running.remove(jobId);
        if (run == null) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Job " + jobId + " is not running, so it cannot finish.");
        }
        closeSegment(jobId, run, now, false);
        release(run);
        Job job = active.remove(jobId);
        store.record(job.application(), Map.of(run.assignment().configuration(),
            job.secondsPerEpoch().get(run.assignment().configuration())));
        completed.put(jobId, 1.0);
        reschedule(now);
    }

    /**
     * Cancels a job that has not finished: a running or profiling job is stopped the way a
     * preemption stops it (it checkpoints, its progress is kept in {@link #completed}), then it
     * leaves the queue and the others are re-planned. Returns the share of its epochs done.
     */
    public double cancel(String jobId, double now) {
        advance(now);
        if (!active.containsKey(jobId)) {
            throw new GpuException(completed.containsKey(jobId) ? ErrorCode.INVALID_INPUT : ErrorCode.UNKNOWN_JOB,
                "Job " + jobId + (completed.containsKey(jobId) ? " has already finished or was cancelled" : " is unknown")
                    + ", so it cannot be cancelled.");
        }
        for (Map<String, Running> runs : List.of(running, profiling)) {
            Running run = runs.remove(jobId);
            if (run != null) {
                backend.stop(jobId).ifPresent(share -> completed.put(jobId, Math.min(1, share)));
                closeSegment(jobId, run, now, runs == profiling);
                release(run);
            }
        }
        waitingForProfiling.remove(jobId);
        plannedEnd.remove(jobId);
        active.remove(jobId);
        cancelled.add(jobId);
        reschedule(now);
        return completed.getOrDefault(jobId, 0.0);
    }

    /** The jobs cancelled so far, in order. */
    public List<String> cancelled() {
        return List.copyOf(cancelled);
    }

    /** The profiler measured seconds per epoch of a job; the epochs it ran count as progress. */
    public void profilingFinished(String jobId, Map<Configuration, Double> secondsPerEpoch, double epochsDone, double now) {
        advance(now);
        Running run = profiling.remove(jobId);
        if (run == null) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Job " + jobId + " is not being profiled.");
        }
        closeSegment(jobId, run, now, true);
        release(run);
        Job job = active.get(jobId).withProfile(secondsPerEpoch);
        active.put(jobId, job);
        completed.put(jobId, Math.min(1, completed.get(jobId) + epochsDone / job.epochs()));
        store.record(job.application(), secondsPerEpoch);
        reschedule(now);
    }

    /**
     * Timers: re-plans when a job runs past the end its plan assumed (early-stopping planning),
     * and releases the VMs of cloud nodes idle for too long.
     */
    public void tick(double now) {
        advance(now);
        if (plannedEnd.values().stream().anyMatch(end -> end <= now + EPSILON)) {
            reschedule(now);
        }
        if (!costs.isCloud()) {
            return;
        }
        for (Map.Entry<String, Double> idle : new ArrayList<>(idleSince.entrySet())) {
            if (allocatedGpus.containsKey(idle.getKey()) && now - idle.getValue() >= options.idleDeallocationSeconds() - EPSILON) {
                allocatedGpus.remove(idle.getKey());
                backend.deallocate(idle.getKey());
            }
        }
    }

    /** When the next deallocation timer fires, or infinity. */
    public double nextTimer() {
        double next = Double.POSITIVE_INFINITY;
        for (double end : plannedEnd.values()) {
            next = Math.min(next, end);
        }
        if (costs.isCloud()) {
            for (Map.Entry<String, Double> idle : idleSince.entrySet()) {
                if (allocatedGpus.containsKey(idle.getKey())) {
                    next = Math.min(next, idle.getValue() + options.idleDeallocationSeconds());
                }
            }
        }
        return next;
    }

    // ---- rescheduling ----

    private void advance(double now) {
        if (now < clock - EPSILON) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Event at time " + now + " is earlier than the last one at " + clock + ".");
        }
        if (clock > Double.NEGATIVE_INFINITY) {
            double elapsed = now - clock;
            for (Running run : running.values()) {
                String id = run.assignment().jobId();
                double total = active.get(id).totalSeconds(run.assignment().configuration());
                completed.put(id, Math.min(1, completed.get(id) + elapsed / total));
            }
        }
        clock = Math.max(clock, now);
    }

    private void reschedule(double now) {
        List<JobState> states = new ArrayList<>();
        for (Job job : active.values()) {
            if (job.isProfiled() && !profiling.containsKey(job.id())) {
                states.add(planningView(job, Math.min(1, completed.get(job.id()))));
            }
        }
        List<Node> usable = new ArrayList<>();
        for (Node node : nodes.values()) {
            if (profiling.values().stream().noneMatch(run -> run.assignment().nodeId().equals(node.id()))) {
                usable.add(node);
            }
        }
        Map<String, Assignment> current = new HashMap<>();
        running.forEach((id, run) -> current.put(id, run.assignment()));
        long started = System.nanoTime();
        Plan plan = policy.schedule(new SchedulingProblem(now, states, usable, costs, current));
        decisionMillis.add((System.nanoTime() - started) / 1e6);
        apply(plan, now);
        plannedEnd.clear();
        if (!options.earlyStopping().isEmpty()) {
            for (Running run : running.values()) {
                Job job = active.get(run.assignment().jobId());
                double done = completed.get(job.id());
                double share = options.plannedShare(job.earlyStopFamily(), done);
                if (share < 1) {
                    plannedEnd.put(job.id(), now + (share - done) * job.totalSeconds(run.assignment().configuration()));
                }
            }
        }
        startProfiling(now);
        trackIdleNodes(now);
    }

    /**
     * The job as the optimizer should see it: with early-stopping planning, only the planned
     * share of its epochs (the rest is unlikely to run); otherwise as it is.
     */
    private JobState planningView(Job job, double done) {
        double share = options.plannedShare(job.earlyStopFamily(), done);
        if (share >= 1) {
            return new JobState(job, done);
        }
        double fastestPerEpoch = job.secondsPerEpoch().values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double reserve = (1 - share) * job.epochs() * fastestPerEpoch;
        return new JobState(job.withEpochs(job.epochs() * share), Math.min(1, done / share), reserve);
    }

    private void apply(Plan plan, double now) {
        for (String id : new ArrayList<>(running.keySet())) {
            Running run = running.get(id);
            Assignment next = plan.assignments().get(id);
            if (next != null && next.equals(run.assignment())) {
                continue;
            }
            OptionalDouble reported = backend.stop(id);
            reported.ifPresent(share -> completed.put(id, Math.min(1, share)));
            running.remove(id);
            closeSegment(id, run, now, false);
            release(run);
            if (next == null) {
                preemptions++;
            } else {
                migrations++;
            }
        }
        for (Assignment assignment : plan.assignments().values()) {
            if (running.containsKey(assignment.jobId())) {
                continue;
            }
            List<Integer> gpus = take(assignment.nodeId(), assignment.configuration());
            Running run = new Running(assignment, gpus, now);
            running.put(assignment.jobId(), run);
            backend.start(assignment, gpus, completed.get(assignment.jobId()));
        }
    }

    private void startProfiling(double now) {
        for (String id : new ArrayList<>(waitingForProfiling)) {
            Job job = active.get(id);
            Node idle = nodes.values().stream().filter(this::isIdle).findFirst().orElse(null);
            if (idle == null) {
                return; // postponed until a node becomes idle
            }
            List<Configuration> configurations = new ArrayList<>();
            for (int n = 1; n <= idle.gpus(); n *= 2) {
                configurations.add(Configuration.of(idle.gpuType(), n));
            }
            Configuration widest = configurations.get(configurations.size() - 1);
            List<Integer> gpus = take(idle.id(), widest);
            profiling.put(id, new Running(new Assignment(id, idle.id(), widest), gpus, now));
            waitingForProfiling.remove(id);
            backend.startProfiling(id, idle.id(), configurations, Math.min(options.profilingEpochs(), job.epochs()));
        }
    }

    private boolean isIdle(Node node) {
        for (double load : gpuLoad.get(node.id())) {
            if (load > EPSILON) {
                return false;
            }
        }
        return true;
    }

    private void trackIdleNodes(double now) {
        for (Node node : nodes.values()) {
            int inUse = gpusInUse(node.id());
            if (inUse == 0) {
                idleSince.putIfAbsent(node.id(), now);
            } else {
                idleSince.remove(node.id());
                allocatedGpus.merge(node.id(), inUse, Math::max);
                allocatedGpus.put(node.id(), inUse);
            }
        }
    }

    /** Takes concrete GPUs: free ones for whole-GPU jobs, the fullest GPU that still fits for shared ones. */
    private List<Integer> take(String nodeId, Configuration configuration) {
        double[] loads = gpuLoad.get(nodeId);
        List<Integer> taken = new ArrayList<>();
        if (configuration.isShared()) {
            int best = -1;
            for (int g = 0; g < loads.length; g++) {
                if (loads[g] + configuration.fraction() <= 1 + EPSILON && (best < 0 || loads[g] > loads[best])) {
                    best = g;
                }
            }
            if (best >= 0) {
                loads[best] += configuration.fraction();
                taken.add(best);
            }
        } else {
            for (int g = 0; g < loads.length && taken.size() < configuration.gpus(); g++) {
                if (loads[g] <= EPSILON) {
                    taken.add(g);
                }
            }
            if (taken.size() == configuration.gpus()) {
                taken.forEach(g -> loads[g] = 1);
            }
        }
        if (taken.size() != configuration.gpus()) {
            throw new GpuException(ErrorCode.OPTIMIZER_FAILURE,
                "Node " + nodeId + " has no room for " + configuration + "; the plan over-assigns its GPUs.");
        }
        return taken;
    }

    private void release(Running run) {
        double[] loads = gpuLoad.get(run.assignment().nodeId());
        double fraction = run.assignment().configuration().fraction();
        for (int g : run.gpuIndices()) {
            loads[g] = Math.max(0, loads[g] - fraction);
            if (loads[g] < EPSILON) {
                loads[g] = 0;
            }
        }
    }

    private void closeSegment(String jobId, Running run, double now, boolean isProfiling) {
        if (now > run.since()) {
            segments.add(new Segment(jobId, run.assignment().nodeId(), run.gpuIndices(), run.assignment().configuration(),
                run.since(), now, isProfiling));
        }
    }

    // ---- queries ----

    public Map<String, Running> running() {
        return Map.copyOf(running);
    }

    public Map<String, Running> profilingRuns() {
        return Map.copyOf(profiling);
    }

    public Map<String, Job> activeJobs() {
        return Map.copyOf(active);
    }

    /** Share of a job's epochs done as of the last event. */
    public double completed(String jobId) {
        return completed.getOrDefault(jobId, 0.0);
    }

    public int gpusInUse(String nodeId) {
        int inUse = 0;
        for (double load : gpuLoad.get(nodeId)) {
            if (load > EPSILON) {
                inUse++;
            }
        }
        return inUse;
    }

    /** Busy share of a node's GPUs (shared GPUs count by their load). */
    public double shareInUse(String nodeId) {
        double share = 0;
        for (double load : gpuLoad.get(nodeId)) {
            share += load;
        }
        return share;
    }

    /** Cloud: GPUs of the VM still held on an idle node (0 when released or never allocated). */
    public int allocatedIdleGpus(String nodeId) {
        return gpusInUse(nodeId) == 0 ? allocatedGpus.getOrDefault(nodeId, 0) : 0;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public List<Segment> segments() {
        return List.copyOf(segments);
    }

    public List<Double> decisionMillis() {
        return List.copyOf(decisionMillis);
    }

    public int preemptions() {
        return preemptions;
    }

    public int migrations() {
        return migrations;
    }

    public boolean hasWork() {
        return !active.isEmpty();
    }

    /** Jobs waiting for the profiler, in arrival order. */
    public List<String> waitingForProfiling() {
        return List.copyOf(waitingForProfiling);
    }

    /** The store's view, for output. */
    public Map<String, Map<Configuration, Double>> profilesOfActiveJobs() {
        Map<String, Map<Configuration, Double>> result = new TreeMap<>();
        active.forEach((id, job) -> result.put(id, job.sortedProfile()));
        return result;
    }

    public SchedulingPolicy policy() {
        return policy;
    }
}
