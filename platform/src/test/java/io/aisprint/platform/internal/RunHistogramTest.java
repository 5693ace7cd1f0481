package io.aisprint.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aisprint.platform.RunResult;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunHistogramTest {

    @Test
    void runStatisticsMatchTheExactOnesWithinHalfAPercent() {
        RunHistogram histogram = new RunHistogram();
        Random random = new Random(7);
        double[] values = new double[5_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.05 + -Math.log(1 - random.nextDouble()) * 0.3;
            histogram.add(values[i]);
        }
        Arrays.sort(values);
        RunResult.RunStats stats = histogram.stats();
        assertThat(stats.count()).isEqualTo(values.length);
        assertThat(stats.mean()).isCloseTo(Arrays.stream(values).average().orElseThrow(), within(1e-12));
        assertThat(stats.max()).isEqualTo(values[values.length - 1]);
        assertThat(stats.p50()).isCloseTo(values[(int) Math.ceil(0.5 * values.length) - 1], within(0.005 * values[2_499]));
        assertThat(stats.p95()).isCloseTo(values[(int) Math.ceil(0.95 * values.length) - 1], within(0.005 * values[4_749]));
    }

    @Test
    void windowsCarryTheRunStatisticsPastTheirOwnWindow() {
        ResponseWindows windows = new ResponseWindows(1_000);
        windows.add("a", 0, 1.0);
        windows.add("a", 10_000, 3.0);
        RunResult.Stats now = windows.stats("a", 10_000);
        assertThat(now.count()).isEqualTo(1);
        assertThat(now.sinceStart().count()).isEqualTo(2);
        assertThat(now.sinceStart().mean()).isEqualTo(2.0);
        assertThat(now.sinceStart().max()).isEqualTo(3.0);
        assertThat(windows.stats("a", 100_000).sinceStart().count()).as("an empty window keeps the run's").isEqualTo(2);
    }
}
