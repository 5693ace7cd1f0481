package io.aisprint.gpu;

import io.aisprint.gpu.internal.JobManager;
import io.aisprint.gpu.internal.ProfileStore;
import io.aisprint.gpu.spi.ExecutionBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Discrete-event simulator: replays a scenario through the job manager with a simulated
 * backend. Events are arrivals, completions (at the early-stopped epoch count, which the
 * scheduler does not know), ends of profiling runs and cloud deallocation timers. Between
 * events it charges each node's GPU (or VM) price and static cost; at each completion the
 * job's weighted tardiness.
 */
public final class Simulator {
    private static final double EPSILON = 1e-6;
    private final ManagerOptions managerOptions;

    public Simulator(ManagerOptions managerOptions) {
        this.managerOptions = managerOptions;
    }

    public Simulator() {
        this(ManagerOptions.defaults());
    }

    private static final class Backend implements ExecutionBackend {
        final Map<String, Double> profilingEnds = new HashMap<>();
        final Map<String, Map<Configuration, Double>> profilingResults = new HashMap<>();
        final Map<String, Double> profilingEpochs = new HashMap<>();
        final Map<String, Scenario.TraceJob> truth;
        double now;

        Backend(Map<String, Scenario.TraceJob> truth) {
            this.truth = truth;
        }

        @Override
        public void start(Assignment assignment, List<Integer> gpuIndices, double completed) {
            // Simulated jobs run analytically; nothing to launch.
        }

        @Override
        public OptionalDouble stop(String jobId) {
            return OptionalDouble.empty();
        }

        @Override
        public void startProfiling(String jobId, String nodeId, List<Configuration> configurations, double epochs) {
            Map<Configuration, Double> trueProfile = truth.get(jobId).trueSecondsPerEpoch();
            Map<Configuration, Double> measured = new HashMap<>();
            double duration = 0;
            for (Configuration configuration : configurations) {
                Double perEpoch = trueProfile.get(configuration);
                if (perEpoch != null) {
                    measured.put(configuration, perEpoch);
                    duration += perEpoch * epochs;
                }
            }
            profilingEnds.put(jobId, now + duration);
            profilingResults.put(jobId, measured);
            profilingEpochs.put(jobId, measured.isEmpty() ? 0 : epochs * measured.size());
        }
    }

    public SimulationResult run(Scenario scenario, SchedulingPolicy policy) {
        Map<String, Scenario.TraceJob> truth = new HashMap<>();
        for (Scenario.TraceJob traceJob : scenario.jobs()) {
            truth.put(traceJob.job().id(), traceJob);
        }
        Backend backend = new Backend(truth);
        JobManager manager = new JobManager(scenario.nodes(), scenario.costs(), policy, new ProfileStore(), managerOptions, backend);
        List<Scenario.TraceJob> arrivals = new ArrayList<>(scenario.jobs());
        arrivals.sort(Comparator.comparingDouble((Scenario.TraceJob t) -> t.job().release()).thenComparing(t -> t.job().id()));
        CostModel costs = scenario.costs();
        double gpuCost = 0;
        double nodeCost = 0;
        double tardinessCost = 0;
        double tardiness = 0;
        double energyKwh = costs.isCloud() ? Double.NaN : 0;
        double busyGpuSeconds = 0;
        int late = 0;
        int next = 0;
        double now = arrivals.isEmpty() ? 0 : arrivals.get(0).job().release();
        int guard = 0;
        int maxEvents = 20 * arrivals.size() + 1000;
        while ((next < arrivals.size() || manager.hasWork()) && guard++ < maxEvents * 10) {
            // The next event time.
            double nextTime = next < arrivals.size() ? arrivals.get(next).job().release() : Double.POSITIVE_INFINITY;
            String finishing = null;
            for (JobManager.Running run : manager.running().values()) {
                String id = run.assignment().jobId();
                Job job = manager.activeJobs().get(id);
                double left = (truth.get(id).stopShare() - manager.completed(id)) * job.totalSeconds(run.assignment().configuration());
                double at = now + Math.max(0, left);
                if (at < nextTime - EPSILON || at <= nextTime + EPSILON && finishing == null) {
                    if (at < nextTime - EPSILON || finishing == null) {
                        nextTime = at;
                        finishing = id;
                    }
                }
            }
            String profiled = null;
            for (Map.Entry<String, Double> end : backend.profilingEnds.entrySet()) {
                if (end.getValue() < nextTime - EPSILON) {
                    nextTime = end.getValue();
                    profiled = end.getKey();
                    finishing = null;
                }
            }
            double timer = manager.nextTimer();
            boolean timerFires = timer < nextTime - EPSILON;
            if (timerFires) {
                nextTime = timer;
                finishing = null;
                profiled = null;
            }
            if (nextTime == Double.POSITIVE_INFINITY) {
                throw new GpuException(ErrorCode.OPTIMIZER_FAILURE, "The simulation is stuck at time " + now + ": "
                    + manager.activeJobs().size() + " jobs wait but nothing runs.\nMaybe some job fits on no node of the cluster.");
            }
            // Charge the interval.
            double elapsed = Math.max(0, nextTime - now);
            for (Node node : scenario.nodes()) {
                int inUse = manager.gpusInUse(node.id());
                if (inUse > 0) {
                    double price = costs.costPerHour(node.gpuType(), inUse);
                    double share = manager.shareInUse(node.id());
                    if (!costs.isCloud()) {
                        price = price * share / inUse;
                        energyKwh += costs.watts(node.gpuType(), inUse) * share / inUse * elapsed / 3.6e6;
                    }
                    gpuCost += price * elapsed / 3600;
                    nodeCost += node.staticCostPerHour() * elapsed / 3600;
                    busyGpuSeconds += share * elapsed;
                } else if (costs.isCloud() && manager.allocatedIdleGpus(node.id()) > 0) {
                    gpuCost += costs.costPerHour(node.gpuType(), manager.allocatedIdleGpus(node.id())) * elapsed / 3600;
                }
            }
            now = nextTime;
            backend.now = now;
            if (timerFires) {
                manager.tick(now);
            } else if (profiled != null) {
                backend.profilingEnds.remove(profiled);
                manager.profilingFinished(profiled, backend.profilingResults.remove(profiled), backend.profilingEpochs.remove(profiled), now);
            } else if (finishing != null) {
                Job job = manager.activeJobs().get(finishing);
                double lateness = Math.max(0, now - job.dueDate());
                tardiness += lateness;
                tardinessCost += job.tardinessWeight() * lateness;
                if (lateness > EPSILON) {
                    late++;
                }
                manager.jobFinished(finishing, now);
            } else {
                Scenario.TraceJob arrival = arrivals.get(next++);
                manager.submit(arrival.job(), now);
            }
        }
        if (manager.hasWork()) {
            throw new GpuException(ErrorCode.OPTIMIZER_FAILURE, "The simulation did not finish within " + maxEvents * 10 + " events.");
        }
        double start = arrivals.isEmpty() ? 0 : arrivals.get(0).job().release();
        double makespan = now - start;
        int totalGpus = scenario.nodes().stream().mapToInt(Node::gpus).sum();
        double utilisation = makespan > 0 ? busyGpuSeconds / (totalGpus * makespan) : 0;
        List<Double> decisions = manager.decisionMillis();
        double mean = decisions.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double max = decisions.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return new SimulationResult(policy.name(), gpuCost + nodeCost + tardinessCost, gpuCost, nodeCost, tardinessCost,
            tardiness, energyKwh, utilisation, makespan, arrivals.size(), late, manager.preemptions(), manager.migrations(),
            mean, max, manager.segments());
    }
}
