package io.aisprint.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AggregationTest {

    private static ClientUpdate update(String name, int examples, float... delta) {
        return new ClientUpdate(name, 1, delta, examples);
    }

    @Test
    void fedAvgWeightsByExamples() {
        float[] mean = new Aggregation.WeightedMean().combine(List.of(update("a", 1, 0, 4), update("b", 3, 4, 0)));
        assertThat(mean).containsExactly(3f, 1f);
    }

    @Test
    void medianAndTrimmedMeanIgnoreExtremes() {
        List<ClientUpdate> updates = List.of(update("a", 1, 1), update("b", 1, 2), update("c", 1, 3), update("d", 1, 4), update("e", 1, 1000));
        assertThat(new Aggregation.CoordinateMedian().combine(updates)).containsExactly(3f);
        assertThat(new Aggregation.TrimmedMean(0.2).combine(updates)).containsExactly(3f);
        assertThat(new Aggregation.TrimmedMean(0.0).combine(updates)[0]).isCloseTo(202f, within(1e-3f));
        assertThat(new Aggregation.CoordinateMedian().combine(updates.subList(0, 4))).containsExactly(2.5f);
    }

    @Test
    void krumPicksAnUpdateFromTheHonestClusterAndMultiKrumAveragesSeveral() {
        Random random = new Random(1);
        List<ClientUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            updates.add(update("honest-" + i, 1, (float) (1 + 0.01 * random.nextGaussian()), (float) (1 + 0.01 * random.nextGaussian())));
        }
        updates.add(update("evil-1", 1, -50, 80));
        updates.add(update("evil-2", 1, -51, 79));
        float[] krum = new Aggregation.Krum(2, 1).combine(updates);
        float[] multi = new Aggregation.Krum(2, 5).combine(updates);
        assertThat(krum[0]).isCloseTo(1f, within(0.05f));
        assertThat(multi[1]).isCloseTo(1f, within(0.05f));
        assertThat(new Aggregation.WeightedMean().combine(updates)[0]).isLessThan(-9);
    }

    @Test
    void fedOptimisersMoveAlongTheChangeWithBoundedSteps() {
        for (String strategy : List.of("fedadam", "fedyogi", "fedadagrad")) {
            ServerOptimizer optimizer = ServerOptimizer.forStrategy(strategy, Double.NaN);
            float[] global = {0, 0};
            for (int step = 0; step < 5; step++) {
                global = optimizer.apply(global, new float[] {1, -0.001f});
            }
            assertThat(global[0]).as(strategy).isGreaterThan(0.05f).isLessThan(1.5f); // steps of the order of η (no bias correction, as in Flower)
            assertThat(global[1]).as(strategy).isLessThan(0);
            ServerOptimizer copy = ServerOptimizer.forStrategy(strategy, Double.NaN);
            copy.restore(optimizer.state());
            assertThat(copy.apply(global, new float[] {1, 1})).containsExactly(optimizer.apply(global, new float[] {1, 1}));
        }
        assertThat(ServerOptimizer.forStrategy("fedavg", Double.NaN).apply(new float[] {1}, new float[] {2})).containsExactly(3f);
    }

    @Test
    void clientLevelPrivacyClipsEveryUpdateAndNoisesTheMean() {
        ClientLevelPrivacy privacy = new ClientLevelPrivacy(1.0, 0.0, 2);
        List<ClientUpdate> clipped = privacy.clip(List.of(update("a", 10, 3, 4), update("b", 1, 0.3f, 0.4f)));
        assertThat(clipped.get(0).delta()).containsExactly(0.6f, 0.8f);
        assertThat(clipped.get(1).delta()).containsExactly(0.3f, 0.4f);
        float[] mean = privacy.noisyMean(clipped, new Random(1));
        assertThat(mean[0]).isCloseTo(0.45f, within(1e-6f));
        assertThat(mean[1]).isCloseTo(0.6f, within(1e-6f));
        float[] noisy = new ClientLevelPrivacy(1.0, 1.0, 2).noisyMean(clipped, new Random(1));
        assertThat(noisy[0]).isNotEqualTo(0.45f);
    }
}
