package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Ten hours on two nodes: a 2-minute profiling run, training runs, a job that finishes late. */
class GanttChartTest {
    private final List<Node> nodes = List.of(new Node("n1", "K80", 2, 1), new Node("n2", "V100", 1, 3));
    private final List<Segment> segments = List.of(
        new Segment("A", "n1", List.of(0), Configuration.of("K80", 1), 0, 120, true),
        new Segment("A", "n1", List.of(0, 1), Configuration.of("K80", 2), 120, 5 * 3600, false),
        new Segment("B", "n2", List.of(0), Configuration.of("V100", 1), 1800, 10 * 3600, false));
    private final String svg = GanttChart.svg(nodes, segments, Map.of("A", 6 * 3600.0, "B", 8 * 3600.0), "test");

    @Test
    void theTimeAxisHasRoundTicksInHours() {
        Matcher labels = Pattern.compile("<text x=\"[\\d.]+\" y=\"\\d+\" text-anchor=\"middle\">([^<]+)</text>").matcher(svg);
        List<String> ticks = new ArrayList<>();
        while (labels.find()) {
            ticks.add(labels.group(1));
        }
        assertThat(ticks).containsExactly("0", "2", "4", "6", "8", "10");
        assertThat(svg).contains("time (h)");
    }

    @Test
    void dueDatesAreMarkedOnTheRowsWhereTheJobRanLast() {
        // A is due at 6 h on both K80 rows (x = 110 + 0.6 × 900), B at 8 h on the V100 row.
        assertThat(svg).contains("<line class=\"due\" x1=\"650.0\" x2=\"650.0\" y1=\"40\"", "<line class=\"due\" x1=\"650.0\" x2=\"650.0\" y1=\"54\"",
            "<line class=\"due\" x1=\"830.0\" x2=\"830.0\" y1=\"68\"");
        assertThat(svg.split("class=\"due\"", -1)).hasSize(4);
    }

    @Test
    void aShortProfilingRunIsVisibleAndHatched() {
        Matcher profiling = Pattern.compile("<rect class=\"profiling\" x=\"[\\d.]+\" y=\"[\\d.]+\" width=\"([\\d.]+)\"").matcher(svg);
        assertThat(profiling.find()).isTrue();
        assertThat(Double.parseDouble(profiling.group(1))).as("2 minutes of 10 hours is 0.3 px; drawn wider").isGreaterThanOrEqualTo(3);
        assertThat(svg).contains("fill=\"url(#profiling)\"");
    }

    @Test
    void theLegendNamesBarsProfilingAndDueDates() {
        assertThat(svg).contains("<g class=\"legend\">", "training run", "profiling run", "due date");
    }
}
