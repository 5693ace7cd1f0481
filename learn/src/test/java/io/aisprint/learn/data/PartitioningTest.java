package io.aisprint.learn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.learn.LearnException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitioningTest {
    private static final int[] LABELS = new Random(1).ints(10_000, 0, 10).toArray();

    @Test
    void everyPartitioningUsesEveryImageOnceAndIsSeeded() {
        for (String text : List.of("iid", "dirichlet:0.5", "shards:2")) {
            Partitioning partitioning = Partitioning.parse(text);
            List<int[]> parts = partitioning.split(LABELS, 10, 10, 42);
            assertThat(parts).hasSize(10);
            Set<Integer> seen = new HashSet<>();
            parts.forEach(part -> Arrays.stream(part).forEach(i -> assertThat(seen.add(i)).as(text + " uses %d twice", i).isTrue()));
            assertThat(seen).hasSize(LABELS.length);
            assertThat(partitioning.split(LABELS, 10, 10, 42)).usingElementComparator(Arrays::compare).containsExactlyElementsOf(parts);
            assertThat(Partitioning.describe(partitioning)).isEqualTo(text);
        }
    }

    @Test
    void iidPartsHaveAllClassesAndEqualSizes() {
        for (int[] part : new Partitioning.Iid().split(LABELS, 10, 10, 1)) {
            assertThat(part).hasSize(1000);
            assertThat(classCount(part)).isEqualTo(10);
        }
    }

    @Test
    void smallDirichletAlphaSkewsTheLabelsAndShardsLimitClasses() {
        double skewSmall = meanLargestClassShare(new Partitioning.Dirichlet(0.1).split(LABELS, 10, 10, 3));
        double skewLarge = meanLargestClassShare(new Partitioning.Dirichlet(100).split(LABELS, 10, 10, 3));
        assertThat(skewSmall).isGreaterThan(0.5);
        assertThat(skewLarge).isLessThan(0.2);
        for (int[] part : new Partitioning.Shards(2).split(LABELS, 10, 10, 3)) {
            assertThat(classCount(part)).isLessThanOrEqualTo(4); // two label-sorted shards, each may straddle one boundary
        }
    }

    @Test
    void badTextsAreRejectedWithTheAcceptedForms() {
        for (String text : List.of("dirichlet:-1", "shards:0", "zipf", "dirichlet:x")) {
            assertThatThrownBy(() -> Partitioning.parse(text)).isInstanceOf(LearnException.class)
                .hasMessageContaining("expected iid, dirichlet:ALPHA");
        }
    }

    private static int classCount(int[] part) {
        return (int) Arrays.stream(part).map(i -> LABELS[i]).distinct().count();
    }

    private static double meanLargestClassShare(List<int[]> parts) {
        double sum = 0;
        for (int[] part : parts) {
            int[] counts = new int[10];
            Arrays.stream(part).forEach(i -> counts[LABELS[i]]++);
            sum += part.length == 0 ? 1 : (double) Arrays.stream(counts).max().orElse(0) / part.length;
        }
        return sum / parts.size();
    }
}
