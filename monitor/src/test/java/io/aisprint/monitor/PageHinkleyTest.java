package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PageHinkleyTest {

    /** Per-request correctness (1 right, 0 wrong) of a classifier with the given accuracy. */
    private static double outcome(Random random, double accuracy) {
        return random.nextDouble() < accuracy ? 1 : 0;
    }

    @Test
    void aStableAccuracyRaisesNoAlarmOverManySeeds() {
        for (long seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            PageHinkley detector = new PageHinkley(0.05, 25, AlertRule.Direction.BELOW, 30);
            for (int i = 0; i < 5000; i++) {
                assertThat(detector.add(outcome(random, 0.88))).as("seed %d sample %d", seed, i).isFalse();
            }
        }
    }

    @Test
    void anAccuracyDropIsDetectedSoonAfterItHappens() {
        for (long seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            PageHinkley detector = new PageHinkley(0.05, 25, AlertRule.Direction.BELOW, 30);
            for (int i = 0; i < 2000; i++) {
                assertThat(detector.add(outcome(random, 0.88))).isFalse();
            }
            int delay = 0;
            while (!detector.add(outcome(random, 0.60))) {
                delay++;
                assertThat(delay).as("seed %d", seed).isLessThan(400);
            }
            assertThat(detector.drifted()).isTrue();
            assertThat(detector.add(outcome(random, 0.60))).isTrue(); // stays raised until reset
            detector.reset();
            assertThat(detector.samples()).isZero();
            assertThat(detector.add(0.6)).isFalse();
        }
    }

    @Test
    void aRiseIsWatchedWithAbove() {
        PageHinkley latency = new PageHinkley(0.5, 50, AlertRule.Direction.ABOVE, 10);
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(latency.add(20 + random.nextGaussian())).isFalse();
        }
        PageHinkley drop = new PageHinkley(0.5, 50, AlertRule.Direction.BELOW, 10);
        boolean fired = false;
        for (int i = 0; i < 200 && !fired; i++) {
            fired = latency.add(30 + random.nextGaussian());
            drop.add(30 + random.nextGaussian());
        }
        assertThat(fired).isTrue();
        assertThat(drop.drifted()).isFalse(); // a rise is not a drop
    }

    @Test
    void badSettingsAndValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new PageHinkley(-1, 10, AlertRule.Direction.BELOW, 1)).isInstanceOf(MonitorException.class)
            .hasMessageContaining("delta >= 0 (got -1.0)");
        assertThatThrownBy(() -> new PageHinkley(0, 0, AlertRule.Direction.BELOW, 1)).hasMessageContaining("lambda > 0 (got 0.0)");
        assertThatThrownBy(() -> new PageHinkley(0, 1, AlertRule.Direction.BELOW, 1).add(Double.NaN)).hasMessageContaining("non-finite");
    }
}
