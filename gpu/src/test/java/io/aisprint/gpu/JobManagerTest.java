package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobManagerTest {
    private static final Configuration K80_1 = Configuration.of("K80", 1);
    private static final Configuration K80_2 = Configuration.of("K80", 2);

    @Test
    void urgentJobPreemptsARelaxedOneWhichLaterResumesWithItsProgress() {
        Job relaxed = Fixtures.job("A", 0, 100_000, 0.001, 10, Map.of(K80_1, 360.0));
        Job urgent = Fixtures.job("B", 1000, 2900, 1.0, 10, Map.of(K80_1, 180.0));
        Scenario scenario = Fixtures.scenario(List.of(new Node("n1", "K80", 1, 0)), Fixtures.simpleK80Costs(), relaxed, urgent);

        SimulationResult result = new Simulator().run(scenario, Policies.create("G", OptimizerOptions.defaults()));

        List<Segment> segmentsOfA = result.segments().stream().filter(s -> s.jobId().equals("A")).toList();
        assertThat(segmentsOfA).hasSize(2);
        assertThat(segmentsOfA.get(0).end()).isCloseTo(1000, within(1e-6));
        assertThat(segmentsOfA.get(1).start()).isCloseTo(2800, within(1e-6));
        // Progress carried over: A runs 3600 s in all, not 1000 + 3600.
        double runTime = segmentsOfA.stream().mapToDouble(s -> s.end() - s.start()).sum();
        assertThat(runTime).isCloseTo(3600, within(1e-6));
        assertThat(result.preemptions()).isEqualTo(1);
        assertThat(result.tardinessCost()).isZero();
    }

    @Test
    void nonPreemptiveBaselineLetsTheUrgentJobWait() {
        Job relaxed = Fixtures.job("A", 0, 100_000, 0.001, 10, Map.of(K80_1, 360.0));
        Job urgent = Fixtures.job("B", 1000, 2900, 1.0, 10, Map.of(K80_1, 180.0));
        Scenario scenario = Fixtures.scenario(List.of(new Node("n1", "K80", 1, 0)), Fixtures.simpleK80Costs(), relaxed, urgent);

        SimulationResult result = new Simulator().run(scenario, Policies.create("EDF", OptimizerOptions.defaults()));

        assertThat(result.preemptions()).isZero();
        assertThat(result.totalTardinessSeconds()).isCloseTo(3600 + 1800 - 2900, within(1e-6));
    }

    @Test
    void unseenJobIsProfiledOnAnIdleNodeOnlyOnceItIsIdleAndItsApplicationIsRemembered() {
        Job busy = Fixtures.job("P", 0, 100_000, 0.001, 10, Map.of(K80_1, 360.0, K80_2, 200.0));
        Job unseen = new Job("U", 100, 100_000, 0.001, 10, Map.of(), 4, "resnet", "");
        Job sameApplication = new Job("V", 20_000, 100_000, 0.001, 10, Map.of(), 4, "resnet", "");
        Map<Configuration, Double> truth = Map.of(K80_1, 100.0, K80_2, 60.0);
        Scenario scenario = new Scenario(List.of(new Node("n1", "K80", 2, 0)), Fixtures.simpleK80Costs(), List.of(
            Scenario.TraceJob.of(busy), new Scenario.TraceJob(unseen, 1, truth), new Scenario.TraceJob(sameApplication, 1, truth)));

        SimulationResult result = new Simulator().run(scenario, Policies.create("G", OptimizerOptions.defaults()));

        List<Segment> profiling = result.segments().stream().filter(Segment::profiling).toList();
        assertThat(profiling).extracting(Segment::jobId).containsExactly("U");
        // The node is busy with P until it finishes, so profiling waits for it.
        double pEnd = result.segments().stream().filter(s -> s.jobId().equals("P")).mapToDouble(Segment::end).max().orElseThrow();
        assertThat(profiling.get(0).start()).isCloseTo(pEnd, within(1e-6));
        // Two epochs on 1 GPU and two on 2 GPUs: 2 × 100 + 2 × 60 seconds.
        assertThat(profiling.get(0).end() - profiling.get(0).start()).isCloseTo(320, within(1e-6));
        assertThat(result.jobs()).isEqualTo(3);
    }
}
