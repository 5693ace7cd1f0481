package io.aisprint.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisprint.model.Placement;
import io.aisprint.platform.internal.SvgChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a run's {@code summary.json} and a self-contained {@code report.html} (inline SVG, no scripts). */
public final class ReportWriter {
    public static final String SUMMARY = "summary.json";
    public static final String REPORT = "report.html";

    private ReportWriter() {
    }

    /** Writes both files into {@code directory} (created if needed), each atomically. */
    public static void write(RunResult result, Path directory) {
        try {
            Files.createDirectories(directory);
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            atomicWrite(directory.resolve(SUMMARY), mapper.writeValueAsString(summary(result)));
            atomicWrite(directory.resolve(REPORT), html(result));
        } catch (IOException e) {
            throw new PlatformException("cannot write the report to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The summary as a JSON-ready map (the {@code --json} output and {@code summary.json}). */
    public static Map<String, Object> summary(RunResult result) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("application", result.application());
        summary.put("backend", result.backend().kind());
        summary.put("workers", new java.util.TreeMap<>(result.backend().workers()));
        summary.put("duration_s", result.options().duration());
        summary.put("time_scale", result.options().timeScale());
        summary.put("wall_seconds", round(result.wallSeconds()));
        summary.put("requests_in", result.requestsIn());
        summary.put("requests_completed", result.requestsCompleted());
        summary.put("requests_failed", result.requestsFailed());
        summary.put("failure_reasons", result.failureReasons());
        summary.put("requests_retried", result.backend().requestsRetried());
        summary.put("migrations", result.replacements().size());
        summary.put("state_moves", result.backend().stateMoves());
        summary.put("worker_events", result.backend().events());
        if (result.backend().stopReason() != null) {
            summary.put("stopped_early", result.backend().stopReason());
        }
        List<Map<String, Object>> replacements = new ArrayList<>();
        for (RunResult.Replacement replacement : result.replacements()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("time_s", round(replacement.time()));
            entry.put("reason", replacement.reason());
            entry.put("planned_lambda", round(replacement.lambda()));
            entry.put("cost_per_hour_before", round(replacement.costPerHourBefore()));
            entry.put("cost_per_hour_after", round(replacement.costPerHourAfter()));
            entry.put("moves", replacement.moves());
            entry.put("replan_seconds", round(replacement.replanSeconds()));
            entry.put("before", placement(replacement.before()));
            entry.put("after", placement(replacement.after()));
            replacements.add(entry);
        }
        summary.put("replacements", replacements);
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (RunResult.ReplanAttempt attempt : result.replanAttempts()) {
            attempts.add(new LinkedHashMap<>(Map.of("time_s", round(attempt.time()), "reason", attempt.reason(),
                    "planned_lambda", round(attempt.lambda()), "outcome", attempt.outcome(),
                    "replan_seconds", round(attempt.replanSeconds()))));
        }
        summary.put("replan_attempts", attempts);
        summary.put("qos_violations_seconds", round(result.qosViolationSeconds()));
        summary.put("qos_violation_seconds_by_rule", result.violationSecondsByRule());
        summary.put("qos_limits", result.limits());
        summary.put("initial_placement", placement(result.initialPlacement()));
        summary.put("final_placement", placement(result.finalPlacement()));
        summary.put("mean_cost_per_hour", round(result.meanCostPerHour()));
        summary.put("edge_cost_share", result.options().edgeCostShare());
        // Measured response times per component and path over the last QoS window of the run.
        Map<String, Object> times = new java.util.TreeMap<>();
        if (!result.timeline().isEmpty()) {
            result.timeline().get(result.timeline().size() - 1).responseTimes().forEach((name, stats) -> times.put(name, stats(stats)));
        }
        summary.put("response_times_last_window", times);
        summary.put("response_times", runResponseTimes(result));
        summary.put("cost_note", costNote(result.options()).replace('\n', ' '));
        Map<String, Object> overheads = new java.util.TreeMap<>();
        result.backend().stepOverheads().forEach((step, stats) -> overheads.put(step, stats(stats)));
        summary.put("step_overhead_s", overheads);
        return summary;
    }

    /**
     * Why {@code aisprint design} and {@code aisprint run} report different costs for one placement:
     * the design prices every resource in full, the run counts edge devices the user owns at a share.
     * Two lines, for the live view's width.
     */
    public static String costNote(RunOptions options) {
        return String.format(Locale.ROOT, "Costs here are run-time costs: owned edge devices count at %.0f %% of their price "
                + "(RunOptions.edgeCostShare),\nso they are lower than what 'aisprint design' reports for the same placement, "
                + "which prices every resource in full.", 100 * options.edgeCostShare());
    }

    /** Per component and per path (each in DAG order), the response times over the whole run. */
    private static Map<String, Object> runResponseTimes(RunResult result) {
        Map<String, RunResult.Stats> last = result.timeline().isEmpty() ? Map.of()
                : result.timeline().get(result.timeline().size() - 1).responseTimes();
        Map<String, Object> components = new LinkedHashMap<>();
        componentOrder(result).forEach(name -> components.put(name, runStats(last.getOrDefault(name, RunResult.Stats.EMPTY).sinceStart())));
        Map<String, Object> paths = new LinkedHashMap<>();
        pathOrder(result).forEach(name -> paths.put(name, runStats(last.getOrDefault(name, RunResult.Stats.EMPTY).sinceStart())));
        Map<String, Object> times = new LinkedHashMap<>();
        times.put("components", components);
        times.put("paths", paths);
        return times;
    }

    private static Map<String, Object> runStats(RunResult.RunStats stats) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("count", stats.count());
        entry.put("mean_s", round(stats.mean()));
        entry.put("p50_s", round(stats.p50()));
        entry.put("p95_s", round(stats.p95()));
        entry.put("max_s", round(stats.max()));
        return entry;
    }

    /** Components as the design placed them (DAG order), then any other measured component. */
    static List<String> componentOrder(RunResult result) {
        List<String> placed = result.initialPlacement().components().stream().map(Placement.ComponentPlacement::component).toList();
        List<String> present = new ArrayList<>();
        result.timeline().forEach(point -> point.responseTimes().keySet().forEach(present::add));
        return DagOrder.components(placed, new java.util.LinkedHashSet<>(present), result.paths());
    }

    static List<String> pathOrder(RunResult result) {
        List<String> placed = result.initialPlacement().components().stream().map(Placement.ComponentPlacement::component).toList();
        return DagOrder.paths(placed, result.paths());
    }

    static Map<String, Object> placement(Placement placement) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Map<String, Object>> components = new ArrayList<>();
        for (Placement.ComponentPlacement component : placement.components()) {
            List<Map<String, String>> partitions = new ArrayList<>();
            component.partitions().forEach(p -> partitions.add(Map.of("partition", p.partition(), "resource", p.resource())));
            components.add(new LinkedHashMap<>(Map.of("component", component.component(), "deployment", component.deployment(),
                    "partitions", partitions)));
        }
        json.put("components", components);
        json.put("instances", placement.instances());
        return json;
    }

    /** Where each component runs, in one line: "blurry-faces: RaspberryPi4; mask-detector: VM-t3xlarge×2". */
    public static String describe(Placement placement) {
        List<String> parts = new ArrayList<>();
        for (Placement.ComponentPlacement component : placement.components()) {
            List<String> resources = new ArrayList<>();
            for (Placement.PartitionPlacement partition : component.partitions()) {
                int count = placement.instances().getOrDefault(partition.resource(), 1);
                resources.add(partition.resource() + (count > 1 ? "×" + count : ""));
            }
            parts.add(component.component() + ": " + String.join(" → ", resources));
        }
        return String.join("; ", parts);
    }

    static String html(RunResult result) {
        List<RunResult.TimelinePoint> timeline = result.timeline();
        int n = timeline.size();
        double[] time = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = timeline.get(i).time();
        }
        List<Double> markers = result.replacements().stream().map(RunResult.Replacement::time).toList();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>aisprint run: ")
                .append(SvgChart.escape(result.application())).append("</title>\n<style>body{font-family:sans-serif;margin:24px;max-width:1000px}"
                        + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}"
                        + ".ok{color:#2ca02c}.bad{color:#d62728}.note{color:#555;font-size:13px}svg.chart{display:block;margin:6px 0 14px}</style></head><body>\n");
        html.append("<h1>aisprint run: ").append(SvgChart.escape(result.application())).append("</h1>\n");
        html.append("<table id=\"summary\">");
        row(html, "requests in", Long.toString(result.requestsIn()));
        row(html, "completed", Long.toString(result.requestsCompleted()));
        row(html, "failed", Long.toString(result.requestsFailed()) + (result.failureReasons().isEmpty() ? "" : " " + result.failureReasons()));
        row(html, "QoS violated for", String.format(Locale.ROOT, "%.1f s of %.0f s", result.qosViolationSeconds(), result.options().duration()));
        row(html, "re-placements", Integer.toString(result.replacements().size()));
        row(html, "mean cost per hour", String.format(Locale.ROOT, "%s (owned edge devices counted at %.0f %%, see below)",
                Numbers.significant(result.meanCostPerHour()), 100 * result.options().edgeCostShare()));
        row(html, "initial placement", describe(result.initialPlacement()));
        row(html, "final placement", describe(result.finalPlacement()));
        row(html, "time scale", String.format(Locale.ROOT, "%.2f wall s per application s (all times below are application seconds)",
                result.options().timeScale()));
        html.append("</table>\n<p class=\"note\">").append(SvgChart.escape(costNote(result.options()))).append("</p>\n");
        html.append("<h2>Response times</h2>\n<p class=\"note\">Each point is the mean and p95 over the QoS window of ")
                .append(SvgChart.escape(Numbers.seconds(result.options().qosWindow())))
                .append(" before it; the QoS rule compares the mean with the limit. Grey stretches had no completion in the window,"
                        + " so there is nothing to draw there. Components and paths are in DAG order.</p>\n");
        for (String key : componentOrder(result)) {
            html.append(responseChart(result, key, "component " + key, time, markers));
        }
        for (String key : pathOrder(result)) {
            html.append(responseChart(result, key, "path " + key + " (" + String.join(" → ", result.paths().get(key)) + ")", time, markers));
        }
        html.append("<h2>Load and cost</h2>\n");
        double[] target = new double[n];
        double[] observed = new double[n];
        double[] cost = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = timeline.get(i).lambdaTarget();
            observed[i] = timeline.get(i).lambdaObserved();
            cost[i] = timeline.get(i).costPerHour();
        }
        html.append(SvgChart.render("load", "req/s", List.of(new SvgChart.Line("λ offered", time, target, true),
                new SvgChart.Line("λ observed", time, observed, false)), markers));
        html.append(SvgChart.render("cost per hour", "cost/h", List.of(new SvgChart.Line("cost per hour", time, cost, false)), markers));
        List<String> resources = new ArrayList<>();
        timeline.forEach(p -> p.utilisation().keySet().forEach(r -> {
            if (!resources.contains(r)) {
                resources.add(r);
            }
        }));
        List<SvgChart.Line> utilisation = new ArrayList<>();
        for (String resource : resources) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = timeline.get(i).utilisation().getOrDefault(resource, Double.NaN);
            }
            utilisation.add(new SvgChart.Line(resource, time, values, false));
        }
        html.append(SvgChart.render("utilisation (mean over instances)", "busy", utilisation, markers));
        html.append("<h2>Placement timeline</h2>\n<table id=\"timeline\"><tr><th>time (s)</th><th>why</th><th>from</th><th>to</th>"
                + "<th>cost/h before</th><th>cost/h after</th><th>moves</th><th>re-plan (s)</th></tr>\n");
        html.append("<tr><td>0.0</td><td>design (SPACE4AI-D)</td><td></td><td>").append(SvgChart.escape(describe(result.initialPlacement())))
                .append("</td><td></td><td></td><td></td><td></td></tr>\n");
        for (RunResult.Replacement replacement : result.replacements()) {
            html.append(String.format(Locale.ROOT, "<tr><td>%.1f</td><td>%s</td><td>%s</td><td>%s</td><td>%.4f</td><td>%.4f</td><td>%d</td><td>%.3f</td></tr>%n",
                    replacement.time(), SvgChart.escape(replacement.reason()), SvgChart.escape(describe(replacement.before())),
                    SvgChart.escape(describe(replacement.after())), replacement.costPerHourBefore(), replacement.costPerHourAfter(),
                    replacement.moves(), replacement.replanSeconds()));
        }
        html.append("</table>\n<p class=\"note\">Orange vertical lines in the charts mark re-placements.</p>\n</body></html>\n");
        return html.toString();
    }

    /** Mean, p95 and (when there is one) the limit of one component or path over the run. */
    private static String responseChart(RunResult result, String key, String title, double[] time, List<Double> markers) {
        List<RunResult.TimelinePoint> timeline = result.timeline();
        int n = timeline.size();
        double[] p95 = new double[n];
        double[] mean = new double[n];
        List<double[]> empty = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RunResult.Stats stats = timeline.get(i).responseTimes().getOrDefault(key, RunResult.Stats.EMPTY);
            p95[i] = stats.p95();
            mean[i] = stats.mean();
            if (stats.count() == 0) {
                // Nothing completed in this tick's window: grey from the last drawn point to the next one, so the
                // chart has no unexplained white gap where the line stops.
                double from = i == 0 ? 0 : time[i - 1];
                double to = i + 1 < n ? time[i + 1] : time[i];
                if (!empty.isEmpty() && empty.get(empty.size() - 1)[1] >= from) {
                    empty.get(empty.size() - 1)[1] = to;
                } else {
                    empty.add(new double[] {from, to});
                }
            }
        }
        List<SvgChart.Line> lines = new ArrayList<>(List.of(new SvgChart.Line("mean (QoS rule)", time, mean, false),
                new SvgChart.Line("p95", time, p95, false)));
        Double limit = result.limits().get(key);
        if (limit != null) {
            double[] limitLine = new double[n];
            java.util.Arrays.fill(limitLine, limit);
            lines.add(new SvgChart.Line("limit " + Numbers.seconds(limit), time, limitLine, true));
        }
        return SvgChart.render(limit == null ? title + ", no limit" : title, "seconds", lines, markers,
                new SvgChart.Bands("no completion in the window", empty));
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(SvgChart.escape(name)).append("</th><td>").append(SvgChart.escape(value)).append("</td></tr>\n");
    }

    private static Map<String, Object> stats(RunResult.Stats stats) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("p50_s", round(stats.p50()));
        entry.put("p95_s", round(stats.p95()));
        entry.put("mean_s", round(stats.mean()));
        entry.put("count", stats.count());
        return entry;
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : value;
    }

    private static void atomicWrite(Path file, String content) throws IOException {
        io.aisprint.model.io.AtomicFiles.writeOrThrow(file, content);
    }
}
