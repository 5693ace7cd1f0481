package io.aisprint.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QueueModelTest {
    @Test
    void responseTimeGrowsAsOneOverIdleFraction() {
        double utilization = QueueModel.utilization(1.2, 2);
        assertThat(utilization).isCloseTo(0.6, within(1e-12));
        assertThat(QueueModel.responseTime(0.5, utilization)).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void saturatedQueueHasInfiniteResponseTime() {
        assertThat(QueueModel.responseTime(0.5, 1.0)).isInfinite();
        assertThat(QueueModel.responseTime(0.5, 3.0)).isInfinite();
        assertThat(QueueModel.utilization(1.0, 0)).isInfinite();
    }
}
