package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceSimulationTest {

    @Test
    void everyMethodFinishesAllJobsOnTheReferenceSetupAndTheCostAddsUp() {
        ReferenceSetup setup = ReferenceSetup.load(Anchors.data());
        Scenario scenario = setup.generate(3, ReferenceSetup.instanceSeed(0), ReferenceSetup.Setting.DATACENTER, false);
        assertThat(scenario.nodes()).extracting(Node::gpuType).containsExactly("K80", "M60", "K80");
        for (String method : Policies.NAMES) {
            SimulationResult result = new Simulator().run(scenario, Policies.create(method, OptimizerOptions.defaults().withIterations(20)));
            assertThat(result.jobs()).isEqualTo(31);
            assertThat(result.totalCost()).isCloseTo(result.gpuCost() + result.nodeCost() + result.tardinessCost(), within(1e-9));
            assertThat(result.utilisation()).isBetween(0.0, 1.0);
            double runSeconds = result.segments().stream().mapToDouble(s -> s.end() - s.start()).sum();
            assertThat(runSeconds).isPositive();
        }
    }

    @Test
    void gpuSharingOffersFractionsOnlyToJobsWhoseMemoryFitsAndInflatesTheirTime() {
        ReferenceSetup setup = ReferenceSetup.load(Anchors.data());
        List<AnchorFiles.Fraction> fractions = AnchorFiles.fractions(Anchors.data().resolve("fractions.csv"));
        Scenario scenario = setup.generate(4, 7, ReferenceSetup.Setting.DATACENTER, true);
        int shared = 0;
        for (Scenario.TraceJob traceJob : scenario.jobs()) {
            Job job = traceJob.job();
            for (Map.Entry<Configuration, Double> entry : job.secondsPerEpoch().entrySet()) {
                Configuration configuration = entry.getKey();
                if (!configuration.isShared()) {
                    continue;
                }
                shared++;
                AnchorFiles.Fraction rule = fractions.stream()
                    .filter(f -> f.gpuType().equals(configuration.gpuType()) && f.fraction() == configuration.fraction())
                    .findFirst().orElseThrow();
                assertThat(job.memoryGb()).isLessThanOrEqualTo(rule.memoryGb());
                double single = job.secondsPerEpoch().get(Configuration.of(configuration.gpuType(), 1));
                assertThat(entry.getValue() / single).isBetween(1.01, rule.inflateMax());
            }
        }
        assertThat(shared).isPositive();
        SimulationResult result = new Simulator().run(scenario, Policies.create("LS", OptimizerOptions.defaults().withIterations(10)));
        assertThat(result.jobs()).isEqualTo(41);
    }
}
