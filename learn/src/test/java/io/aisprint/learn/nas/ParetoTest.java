package io.aisprint.learn.nas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoTest {
    record Point(String name, double accuracy, double latency) {
    }

    private static final List<Point> POINTS = List.of(new Point("fast", 0.80, 1), new Point("mid", 0.85, 2), new Point("slow", 0.90, 4),
        new Point("dominated", 0.84, 3), new Point("tie-slower", 0.85, 2.5));

    @Test
    void theFrontKeepsOnlyUndominatedPointsMostAccurateFirst() {
        assertThat(Pareto.front(POINTS, Point::accuracy, Point::latency)).extracting(Point::name).containsExactly("slow", "mid", "fast");
    }

    @Test
    void layersFillFromTheNextFrontWhenTheFirstIsShort() {
        assertThat(Pareto.layered(POINTS, 4, Point::accuracy, Point::latency)).extracting(Point::name)
            .containsExactly("slow", "mid", "fast", "tie-slower");
    }

    @Test
    void hypervolumeIsTheAreaUnderTheStaircaseUpToTheReference() {
        // [1,2) at 0.80, [2,4) at 0.85, [4,5) at 0.90
        assertThat(Pareto.hypervolume(POINTS, 5, Point::accuracy, Point::latency)).isCloseTo(0.80 + 2 * 0.85 + 0.90, within(1e-12));
        // points at or beyond the reference add nothing
        assertThat(Pareto.hypervolume(POINTS, 4, Point::accuracy, Point::latency)).isCloseTo(0.80 + 2 * 0.85, within(1e-12));
    }

    @Test
    void spreadKeepsBothEndsOfTheFront() {
        List<Point> front = Pareto.front(POINTS, Point::accuracy, Point::latency);
        assertThat(Pareto.spread(front, 2, Point::latency)).extracting(Point::name).containsExactly("fast", "slow");
        assertThat(Pareto.spread(front, 5, Point::latency)).hasSize(3);
    }
}
