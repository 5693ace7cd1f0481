package io.aisprint.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.model.ResourceKind;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import org.junit.jupiter.api.Test;

/** The six-component example with branches and FaaS: requests fan out by probability and all are accounted for. */
class WindTurbineRunTest {

    @Test
    void aShortRunThroughBranchesAndFunctionsLosesNothing() {
        SystemDescription system = SystemReaders.read(Examples.directory("wind-turbine-inspection"));
        RunOptions options = RunOptions.defaults(LoadProfile.constant(system.application().lambda())).withDuration(40)
                .withTimeScale(0.1).withReplan(false);
        RunResult result = ApplicationManager.run(system, options, null);

        assertThat(result.requestsIn()).isGreaterThan(5);
        assertThat(result.requestsCompleted() + result.requestsFailed()).isEqualTo(result.requestsIn());
        assertThat(result.requestsFailed()).as("%s", result.failureReasons()).isZero();
        boolean usesFaas = result.initialPlacement().instances().keySet().stream()
                .anyMatch(name -> system.continuum().resource(name).orElseThrow().kind() == ResourceKind.FAAS)
                || result.initialPlacement().components().stream().flatMap(c -> c.partitions().stream())
                        .anyMatch(p -> system.continuum().resource(p.resource()).orElseThrow().kind() == ResourceKind.FAAS);
        assertThat(usesFaas).as("the design puts some component on FaaS: %s", result.initialPlacement()).isTrue();
        // The monitor measured the first component during the run (the last one-second window can
        // hold no completion when the Poisson arrivals leave a gap at the end, so not only there).
        assertThat(result.timeline()).anySatisfy(point ->
                assertThat(point.responseTimes().get("frame-extractor").count()).isPositive());
    }
}
