package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferenceSimulationTest {

    @Test
    void everyMethodFinishesAllJobsOnTheReferenceSetup() {
        ReferenceSetup setup = ReferenceSetup.load(Anchors.data());
        Scenario scenario = setup.generate(3, ReferenceSetup.instanceSeed(0), ReferenceSetup.Setting.DATACENTER, false);
        for (String method : Policies.NAMES) {
            SimulationResult result = new Simulator().run(scenario, Policies.create(method, OptimizerOptions.defaults().withIterations(20)));
            System.out.printf("%s cost=%.2f gpu=%.2f tard=%.2f late=%d util=%.2f pre=%d mig=%d dec=%.1fms%n", method, result.totalCost(),
                result.gpuCost(), result.tardinessCost(), result.lateJobs(), result.utilisation(), result.preemptions(), result.migrations(), result.meanDecisionMillis());
            assertThat(result.jobs()).isEqualTo(31);
            assertThat(result.totalCost()).isPositive();
        }
    }
}
