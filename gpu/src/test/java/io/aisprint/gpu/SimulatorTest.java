package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private static final Configuration K80_1 = Configuration.of("K80", 1);

    @Test
    void smallTraceCostsWhatWeComputeByHand() {
        // A runs 0..3600 on one GPU; B arrives at 1800, runs 1800..5400 on the other GPU and is 1800 s late.
        Job a = Fixtures.job("A", 0, 3600, 0.01, 10, Map.of(K80_1, 360.0));
        Job b = Fixtures.job("B", 1800, 3600, 0.01, 10, Map.of(K80_1, 360.0));
        Scenario scenario = Fixtures.scenario(List.of(new Node("n1", "K80", 2, 0)), Fixtures.simpleK80Costs(), a, b);

        SimulationResult result = new Simulator().run(scenario, Policies.create("FIFO", OptimizerOptions.defaults()));

        // GPU cost: 0.5 h at 1 GPU (1.0/h) + 0.5 h at 2 GPUs (1.8/h) + 0.5 h at 1 GPU = 0.5 + 0.9 + 0.5.
        assertThat(result.gpuCost()).isCloseTo(1.9, within(1e-9));
        assertThat(result.totalTardinessSeconds()).isCloseTo(1800, within(1e-6));
        assertThat(result.tardinessCost()).isCloseTo(18.0, within(1e-9));
        assertThat(result.totalCost()).isCloseTo(19.9, within(1e-9));
        assertThat(result.lateJobs()).isEqualTo(1);
        assertThat(result.makespanSeconds()).isCloseTo(5400, within(1e-6));
        // 7200 busy GPU-seconds out of 2 GPUs × 5400 s.
        assertThat(result.utilisation()).isCloseTo(7200.0 / 10800, within(1e-9));
    }

    @Test
    void staticNodeCostIsChargedWhileTheNodeRuns() {
        Job a = Fixtures.job("A", 0, 7200, 0.01, 10, Map.of(K80_1, 360.0));
        Scenario scenario = Fixtures.scenario(List.of(new Node("n1", "K80", 2, 3.0)), Fixtures.simpleK80Costs(), a);

        SimulationResult result = new Simulator().run(scenario, Policies.create("EDF", OptimizerOptions.defaults()));

        assertThat(result.nodeCost()).isCloseTo(3.0, within(1e-9));
        assertThat(result.totalCost()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void earlyStoppedJobEndsAtItsRealEpochCountAndEnergyFollowsThePowerTable() {
        TreeMap<Integer, Double> watts = new TreeMap<>(Map.of(1, 500.0, 2, 900.0));
        GpuCostTable energy = GpuCostTable.fromWatts(Map.of("K80", watts), 0.2, 1.5);
        Job a = Fixtures.job("A", 0, 7200, 0.01, 10, Map.of(K80_1, 360.0));
        Scenario scenario = new Scenario(List.of(new Node("n1", "K80", 2, 0)), energy,
            List.of(new Scenario.TraceJob(a, 0.5, Map.of())));

        SimulationResult result = new Simulator().run(scenario, Policies.create("G", OptimizerOptions.defaults()));

        assertThat(result.makespanSeconds()).isCloseTo(1800, within(1e-6));
        assertThat(result.energyKwh()).isCloseTo(0.25, within(1e-9));
        // 500 W for half an hour at 0.2 per kWh with PUE 1.5.
        assertThat(result.gpuCost()).isCloseTo(0.25 * 0.2 * 1.5, within(1e-9));
    }

    @Test
    void cloudNodeIdleForFifteenMinutesIsReleased() {
        VmCatalogue vms = new VmCatalogue(List.of(new VmCatalogue.VmType("small", "K80", 1, 1.0), new VmCatalogue.VmType("big", "K80", 2, 1.9)));
        Job a = Fixtures.job("A", 0, 7200, 0.01, 10, Map.of(K80_1, 360.0));
        Job shortGap = Fixtures.job("B", 3600 + 600, 20000, 0.01, 10, Map.of(K80_1, 360.0));
        Job longGap = Fixtures.job("C", 3600 + 600 + 3600 + 3600, 40000, 0.01, 10, Map.of(K80_1, 360.0));
        Scenario scenario = Fixtures.scenario(List.of(new Node("n1", "K80", 2, 0)), vms, a, shortGap, longGap);

        SimulationResult result = new Simulator().run(scenario, Policies.create("G", OptimizerOptions.defaults()));

        // Three hours of running on the small VM, 10 idle minutes kept (under 15), then 15 idle minutes before release.
        assertThat(result.gpuCost()).isCloseTo(3.0 + 600.0 / 3600 + 900.0 / 3600, within(1e-9));
    }
}
