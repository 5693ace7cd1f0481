package io.aisprint.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void ticksAreRoundStepsFromZeroPastTheMaximum() {
        assertThat(SvgChart.ticks(0.5184)).containsExactly(0, 0.2, 0.4, 0.6);
        assertThat(SvgChart.ticks(17.3)).containsExactly(0, 5, 10, 15, 20);
        assertThat(SvgChart.ticks(1.1)).containsExactly(0, 0.5, 1, 1.5);
        assertThat(SvgChart.ticks(0.0123)).containsExactly(0, 0.005, 0.01, 0.015);
        assertThat(SvgChart.ticks(0)).containsExactly(0, 1);
    }
}
