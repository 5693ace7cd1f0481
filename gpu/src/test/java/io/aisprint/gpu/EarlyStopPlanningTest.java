package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStopPlanningTest {
    private static final Configuration ONE = Configuration.of("K80", 1);
    private static final Configuration TWO = Configuration.of("K80", 2);

    /** All the mass at 30 % of the epochs. */
    private static double[] stopsAtThirtyPercent() {
        double[] pmf = new double[100];
        pmf[29] = 1;
        return pmf;
    }

    private static ManagerOptions planning() {
        return ManagerOptions.defaults().withEarlyStopping(Map.of("family", stopsAtThirtyPercent()), 0.5);
    }

    @Test
    void plannedShareIsTheConditionalQuantileAndGrowsPastIt() {
        double[] pmf = new double[10];
        pmf[1] = 0.5; // stops at 20 %
        pmf[5] = 0.5; // or at 60 %
        ManagerOptions options = ManagerOptions.defaults().withEarlyStopping(Map.of("f", pmf), 0.5);

        assertThat(options.plannedShare("f", 0)).isCloseTo(0.2, within(1e-12));
        // Past 20 % without stopping, only the 60 % stop is left.
        assertThat(options.plannedShare("f", 0.25)).isCloseTo(0.6, within(1e-12));
        // Past every stop: plan for all epochs.
        assertThat(options.plannedShare("f", 0.7)).isEqualTo(1);
        assertThat(options.plannedShare("unknown", 0)).isEqualTo(1);
    }

    private static Scenario scenario(double stopShare) {
        Job job = new Job("A", 0, 2800, 0.5, 100, Map.of(ONE, 36.0, TWO, 22.0), 4, "", "family");
        return new Scenario(List.of(new Node("n1", "K80", 2, 0)), Fixtures.simpleK80Costs(),
            List.of(new Scenario.TraceJob(job, stopShare, Map.of())));
    }

    @Test
    void jobLikelyToStopEarlyRunsOnTheCheaperConfiguration() {
        SimulationResult aware = new Simulator(planning()).run(scenario(0.3), Policies.create("G", OptimizerOptions.defaults()));
        SimulationResult plain = new Simulator().run(scenario(0.3), Policies.create("G", OptimizerOptions.defaults()));

        // Planned for 30 epochs (1080 s on 1 GPU) with a reserve of 70 epochs on 2 GPUs (1540 s): on time, and cheaper.
        assertThat(aware.segments()).singleElement().extracting(Segment::configuration).isEqualTo(ONE);
        assertThat(aware.gpuCost()).isCloseTo(1.0 * 1080 / 3600, within(1e-9));
        // Planning for all 100 epochs, only 2 GPUs meet the due date.
        assertThat(plain.segments()).singleElement().extracting(Segment::configuration).isEqualTo(TWO);
        assertThat(plain.gpuCost()).isCloseTo(1.8 * 660 / 3600, within(1e-9));
    }

    @Test
    void jobThatDoesNotStopSwitchesToTheFasterConfigurationInTime() {
        SimulationResult aware = new Simulator(planning()).run(scenario(1.0), Policies.create("G", OptimizerOptions.defaults()));

        assertThat(aware.segments()).extracting(Segment::configuration).containsExactly(ONE, TWO);
        assertThat(aware.segments().get(0).end()).isCloseTo(1080, within(1e-6));
        assertThat(aware.makespanSeconds()).isCloseTo(2620, within(1e-6));
        assertThat(aware.tardinessCost()).isZero();
        assertThat(aware.gpuCost()).isCloseTo(1.0 * 1080 / 3600 + 1.8 * 1540 / 3600, within(1e-9));
    }
}
