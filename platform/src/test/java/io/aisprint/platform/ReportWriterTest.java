package io.aisprint.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.model.Placement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on a made-up run of three components (the last without a limit), a path, a
 * re-placement and windows without completions: what summary.json and report.html say about it.
 */
class ReportWriterTest {
    @TempDir
    Path dir;

    private final RunResult result = run();

    @Test
    void summaryHasRunWideResponseTimesPerComponentAndPathInDagOrderAndKeepsTheOldFields() throws Exception {
        ReportWriter.write(result, dir);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(ReportWriter.SUMMARY).toFile());
        JsonNode components = summary.get("response_times").get("components");
        assertThat(fieldNames(components)).containsExactly("ingest", "detect", "store");
        assertThat(fieldNames(summary.get("response_times").get("paths"))).containsExactly("front", "whole");
        JsonNode detect = components.get("detect");
        assertThat(detect.get("count").asLong()).isEqualTo(40);
        assertThat(detect.get("mean_s").asDouble()).isEqualTo(0.3);
        assertThat(detect.get("max_s").asDouble()).isEqualTo(0.9);
        for (String field : List.of("p50_s", "p95_s")) {
            assertThat(detect.has(field)).as(field).isTrue();
        }
        for (String field : List.of("requests_in", "requests_completed", "requests_failed", "replacements", "qos_violations_seconds",
                "qos_limits", "final_placement", "mean_cost_per_hour", "edge_cost_share", "response_times_last_window", "step_overhead_s")) {
            assertThat(summary.has(field)).as(field).isTrue();
        }
        assertThat(summary.get("cost_note").asText()).contains("10 %", "aisprint design");
    }

    @Test
    void everyComponentGetsAChartInDagOrderWithALegendRoundTicksAndMarkedEmptyWindows() {
        String html = ReportWriter.html(result);
        int ingest = html.indexOf("component ingest");
        int detect = html.indexOf("component detect");
        int store = html.indexOf("component store, no limit");
        int front = html.indexOf("path front");
        int whole = html.indexOf("path whole");
        assertThat(List.of(ingest, detect, store, front, whole)).allSatisfy(at -> assertThat(at).isPositive());
        assertThat(ingest).isLessThan(detect);
        assertThat(detect).isLessThan(store);
        assertThat(store).isLessThan(front);
        assertThat(front).isLessThan(whole);
        assertThat(html).contains("<rect class=\"empty-window\"", "no completion in the window", ">re-placement</text>",
                "owned edge devices count at 10 %");
        Matcher ticks = Pattern.compile("class=\"tick\"[^>]*>([^<]*)<").matcher(html);
        List<String> values = new ArrayList<>();
        while (ticks.find()) {
            values.add(ticks.group(1));
        }
        assertThat(values).isNotEmpty().allSatisfy(tick -> assertThat(tick).matches("\\d+(\\.\\d)?|0\\.0\\d?|\\d0+"));
    }

    @Test
    void writtenFilesGetTheUmasksPermissionsNotOwnerOnly() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs a POSIX file system");
        Path plain = Files.createFile(dir.resolve("plain"));
        ReportWriter.write(result, dir);
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertThat(Files.getPosixFilePermissions(dir.resolve(ReportWriter.REPORT))).isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(dir.resolve(ReportWriter.SUMMARY))).isEqualTo(expected);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    /** Ticks every second for 20 s; "store" completes nothing in its first 6 windows and between 12 and 14 s. */
    private static RunResult run() {
        RunOptions options = RunOptions.defaults(LoadProfile.constant(2)).withDuration(20);
        RunResult.RunStats detectRun = new RunResult.RunStats(40, 0.3, 0.28, 0.6, 0.9);
        List<RunResult.TimelinePoint> timeline = new ArrayList<>();
        for (int t = 1; t <= 20; t++) {
            Map<String, RunResult.Stats> times = new LinkedHashMap<>();
            times.put("whole", new RunResult.Stats(0.9, 1.3, 0.95, 10));
            times.put("store", t <= 6 || t == 13 || t == 14 ? RunResult.Stats.EMPTY : new RunResult.Stats(0.05, 0.07, 0.05, 10));
            times.put("front", new RunResult.Stats(0.5, 0.8, 0.55, 10));
            times.put("detect", new RunResult.Stats(0.28, 0.6, 0.3 + 0.01 * t, 10, detectRun));
            times.put("ingest", new RunResult.Stats(0.1, 0.2, 0.12, 10));
            timeline.add(new RunResult.TimelinePoint(t, 2, 2.1, times, Map.of("edge", 0.3, "vm", 0.5), Map.of(), 0.37, List.of(),
                    2L * t, 2L * t - 1, 0, 1, t > 9 ? 1 : 0));
        }
        Placement placement = placement("vm");
        RunResult.Replacement replacement = new RunResult.Replacement(9, "QoS violation", 2.4, placement, placement("vm2"), 0.37, 0.5, 1, 0.02);
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put("whole", List.of("ingest", "detect", "store"));
        paths.put("front", List.of("ingest", "detect"));
        return new RunResult("made-up", options, 40, 39, 1, Map.of("timeout", 1L), List.of(replacement), List.of(), 0, Map.of(),
                placement, placement("vm2"), 0.4, Map.of("ingest", 0.5, "detect", 0.4, "front", 0.8, "whole", 1.2), paths, timeline, 10,
                new RunResult.Backend("embedded", Map.of(), 0, List.of(), null, 0, Map.of()));
    }

    private static Placement placement(String vm) {
        List<Placement.ComponentPlacement> components = new ArrayList<>();
        for (String[] c : new String[][] {{"ingest", "edge"}, {"detect", vm}, {"store", vm}}) {
            components.add(new Placement.ComponentPlacement(c[0], "d1", List.of(new Placement.PartitionPlacement("p1", c[1], 0.1)), 0.1, 1));
        }
        return new Placement(2, components, Map.of("edge", 1, vm, 1), List.of(), 1, true);
    }

    /** Field names of a JSON object, in file order. */
    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
