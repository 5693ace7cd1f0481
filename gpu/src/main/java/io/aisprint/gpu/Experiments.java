package io.aisprint.gpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the reference comparison: for each cluster size and instance, every method; the
 * randomized ones once per seed (seed = instance seed + 10·(j + 2), as the reference did).
 */
public final class Experiments {
    private Experiments() {
    }

    /** One simulated run. */
    public record Run(int nodes, int instance, String method, long seed, SimulationResult result) {
    }

    public static List<Run> reference(ReferenceSetup setup, List<Integer> nodeCounts, int instances, int seeds, List<String> methods,
                                      ReferenceSetup.Setting setting, boolean sharing, OptimizerOptions options) {
        return reference(setup, nodeCounts, instances, seeds, methods, setting, sharing, options, ManagerOptions.defaults());
    }

    /**
     * As {@link #reference(ReferenceSetup, List, int, int, List, ReferenceSetup.Setting, boolean, OptimizerOptions)},
     * with manager options for the preemptive methods (for example early-stopping planning);
     * the first-principle baselines always run with the defaults, as they are defined.
     */
    public static List<Run> reference(ReferenceSetup setup, List<Integer> nodeCounts, int instances, int seeds, List<String> methods,
                                      ReferenceSetup.Setting setting, boolean sharing, OptimizerOptions options, ManagerOptions ours) {
        List<Run> runs = new ArrayList<>();
        Simulator baseline = new Simulator();
        Simulator optimized = new Simulator(ours);
        for (int nodes : nodeCounts) {
            for (int instance = 0; instance < instances; instance++) {
                long instanceSeed = ReferenceSetup.instanceSeed(instance);
                Scenario scenario = setup.generate(nodes, instanceSeed, setting, sharing);
                for (String method : methods) {
                    SchedulingPolicy probe = Policies.create(method, options);
                    boolean randomized = probe.preemptive() && !probe.name().equals("G");
                    int repeats = randomized ? seeds : 1;
                    for (int j = 0; j < repeats; j++) {
                        long seed = instanceSeed + 10L * (j + 2);
                        Simulator simulator = probe.preemptive() ? optimized : baseline;
                        SimulationResult result = simulator.run(scenario, Policies.create(method, options.withSeed(seed)));
                        runs.add(new Run(nodes, instance, probe.name(), seed, result));
                    }
                }
            }
        }
        return runs;
    }

    /** Mean total cost per method of one (nodes, instance) configuration, over seeds. */
    public static Map<String, Double> meanCost(List<Run> runs, int nodes, int instance) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Run run : runs) {
            if (run.nodes() == nodes && run.instance() == instance) {
                double[] sum = sums.computeIfAbsent(run.method(), m -> new double[2]);
                sum[0] += run.result().totalCost();
                sum[1]++;
            }
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((method, sum) -> means.put(method, sum[0] / sum[1]));
        return means;
    }
}
