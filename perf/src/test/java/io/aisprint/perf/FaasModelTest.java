package io.aisprint.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FaasModelTest {
    @Test
    void erlangBMatchesTheClosedFormForSmallSystems() {
        double rho = 2.0;
        // B(1) = ρ/(1+ρ), B(2) = (ρ²/2)/(1+ρ+ρ²/2)
        assertThat(FaasModel.erlangB(rho, 1)).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(FaasModel.erlangB(rho, 2)).isCloseTo(2.0 / 5.0, within(1e-12));
    }

    @Test
    void busyFunctionsAreAlmostAlwaysWarm() {
        double response = FaasModel.responseTime(50.0, 2.0, 25.0, 600.0);
        assertThat(response).isGreaterThanOrEqualTo(2.0).isLessThan(2.01);
    }

    @Test
    void rarelyCalledFunctionsWithShortKeepAliveAreMostlyCold() {
        double response = FaasModel.responseTime(0.001, 2.0, 25.0, 1.0);
        assertThat(response).isGreaterThan(24.0).isLessThanOrEqualTo(25.0);
    }

    @Test
    void responseLiesBetweenWarmAndColdAndFallsWithLoad() {
        double light = FaasModel.responseTime(0.01, 2.0, 5.0, 60.0);
        double heavy = FaasModel.responseTime(1.0, 2.0, 5.0, 60.0);
        assertThat(light).isBetween(2.0, 5.0);
        assertThat(heavy).isBetween(2.0, 5.0);
        assertThat(heavy).isLessThan(light);
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThatThrownBy(() -> FaasModel.responseTime(1.0, 0.0, 5.0, 60.0))
                .isInstanceOf(PerfException.class).hasMessageContaining("warm time");
    }

    @Test
    void theCacheForgetsOldLoadsInsteadOfGrowingWithEveryLambdaTried() {
        double first = FaasModel.responseTime(0.5, 2.0, 5.0, 60.0);
        for (int i = 1; i <= FaasModel.CACHE_ENTRIES + 500; i++) {
            FaasModel.responseTime(0.5 + i * 1e-4, 2.0, 5.0, 60.0);
        }
        assertThat(FaasModel.cachedSolutions()).isLessThanOrEqualTo(FaasModel.CACHE_ENTRIES);
        assertThat(FaasModel.responseTime(0.5, 2.0, 5.0, 60.0)).as("solved again, same answer").isEqualTo(first);
    }
}
