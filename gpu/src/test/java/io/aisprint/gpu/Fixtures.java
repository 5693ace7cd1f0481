package io.aisprint.gpu;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small purpose-built clusters and jobs for the tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** K80: 1 GPU 1.0 per hour, 2 GPUs 1.8 per hour (easy to check by hand). */
    static GpuCostTable simpleK80Costs() {
        TreeMap<Integer, Double> k80 = new TreeMap<>(Map.of(1, 1.0, 2, 1.8, 3, 2.6, 4, 3.4));
        TreeMap<Integer, Double> m60 = new TreeMap<>(Map.of(1, 1.2, 2, 2.2, 3, 3.2, 4, 4.2));
        return new GpuCostTable(Map.of("K80", k80, "M60", m60), Map.of());
    }

    static Job job(String id, double release, double due, double weight, double epochs, Map<Configuration, Double> perEpoch) {
        return new Job(id, release, due, weight, epochs, perEpoch, 4, "app-" + id, "");
    }

    static Scenario scenario(List<Node> nodes, CostModel costs, Job... jobs) {
        return new Scenario(nodes, costs, java.util.Arrays.stream(jobs).map(Scenario.TraceJob::of).toList());
    }
}
