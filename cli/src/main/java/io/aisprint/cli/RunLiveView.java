package io.aisprint.cli;

import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.platform.DagOrder;
import io.aisprint.platform.Numbers;
import io.aisprint.platform.ReportWriter;
import io.aisprint.platform.RunListener;
import io.aisprint.platform.RunOptions;
import io.aisprint.platform.RunResult;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live view of {@code aisprint run}: every few seconds the state, components then paths in DAG
 * order, and every re-placement as it happens. A limit is marked OVER by the statistic its QoS rule
 * judges, the mean over the rule's window, which the view shows next to p50 and p95 (a p95 above
 * the limit with the mean below it is "ok": the rule limits the mean, as SPACE4AI-D does).
 */
final class RunLiveView implements RunListener {
    private static final double EVERY = 5.0;
    private static final int RESOURCE_WIDTH = 28;
    private final PrintWriter out;
    private final RunOptions options;
    private final Map<String, Double> limits = new LinkedHashMap<>();
    private final List<String> components;
    private final Map<String, List<String>> paths = new LinkedHashMap<>();
    private final int nameWidth;
    private double nextPrint = EVERY;
    /** Utilisation summed over the ticks since the last print, so the view shows the mean busy share. */
    private final Map<String, double[]> busySums = new HashMap<>();

    RunLiveView(PrintWriter out, SystemDescription system, RunOptions options) {
        this.out = out;
        this.options = options;
        system.application().localConstraints().forEach(c -> limits.put(c.component(), c.maxResponseTime()));
        system.application().globalConstraints().forEach(c -> limits.put(c.name(), c.maxResponseTime()));
        Map<String, List<String>> declared = new LinkedHashMap<>();
        system.application().globalConstraints().forEach(c -> declared.put(c.name(), c.components()));
        List<String> declaredComponents = system.application().components().stream().map(c -> c.name()).toList();
        components = system.application().dag().topologicalOrder().orElse(declaredComponents);
        DagOrder.paths(components, declared).forEach(name -> paths.put(name, declared.get(name)));
        int width = "component".length();
        for (String name : components) {
            width = Math.max(width, name.length());
        }
        for (String name : paths.keySet()) {
            width = Math.max(width, name.length());
        }
        nameWidth = width;
    }

    @Override
    public void started(Placement placement, double costPerHour) {
        out.printf(Locale.ROOT, "design (SPACE4AI-D): %s — %s per hour at run-time prices%n", ReportWriter.describe(placement),
                Numbers.significant(costPerHour));
        ReportWriter.costNote(options).lines().forEach(line -> out.println("   " + line));
        out.printf(Locale.ROOT, "   OVER/ok: the mean response time over the last %s (what the QoS rule limits) against the limit.%n",
                Numbers.seconds(options.qosWindow()));
        out.flush();
    }

    @Override
    public void tick(RunResult.TimelinePoint point) {
        point.utilisation().forEach((resource, value) -> busySums.merge(resource, new double[] {value, 1},
                (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]}));
        if (point.time() + 1e-9 < nextPrint) {
            return;
        }
        nextPrint += EVERY;
        Map<String, Double> busyMeans = new HashMap<>();
        busySums.forEach((resource, sum) -> busyMeans.put(resource, sum[0] / sum[1]));
        busySums.clear();
        out.printf(Locale.ROOT, "%n t=%5.1f s  λ %s req/s (offered %s)  cost %s/h  in %d  done %d  failed %d  in flight %d  re-placements %d%n",
                point.time(), Numbers.significant(point.lambdaObserved()), Numbers.significant(point.lambdaTarget()),
                Numbers.significant(point.costPerHour()), point.requestsIn(), point.completed(), point.failed(), point.inFlight(),
                point.replacements());
        List<String> shownComponents = DagOrder.components(components, point.responseTimes().keySet(), paths);
        header("component", "resource", "busy");
        for (String name : shownComponents) {
            String resource = point.resources().getOrDefault(name, "");
            Double busy = busyMeans.get(resource.split("[×→ ]")[0]);
            row(name, point.responseTimes().get(name), resource,
                    busy == null ? "" : String.format(Locale.ROOT, "%3.0f %%", 100 * busy));
        }
        if (!paths.isEmpty()) {
            header("path", "components", "");
            paths.forEach((name, members) -> row(name, point.responseTimes().get(name), String.join(" → ", members), ""));
        }
        out.flush();
    }

    private void header(String kind, String where, String busy) {
        out.printf(Locale.ROOT, "   %-" + nameWidth + "s %8s %8s %8s %8s  %-4s  %-" + RESOURCE_WIDTH + "s %s%n", kind, "mean s", "p50 s",
                "p95 s", "limit s", "QoS", where, busy);
    }

    private void row(String name, RunResult.Stats stats, String where, String busy) {
        RunResult.Stats shown = stats == null ? RunResult.Stats.EMPTY : stats;
        Double limit = limits.get(name);
        out.printf(Locale.ROOT, "   %-" + nameWidth + "s %8s %8s %8s %8s  %-4s  %-" + RESOURCE_WIDTH + "s %s%n", name,
                Numbers.significant(shown.mean()), Numbers.significant(shown.p50()), Numbers.significant(shown.p95()),
                limit == null ? "-" : Numbers.significant(limit), verdict(shown, limit), where, busy);
    }

    /** The QoS rule's verdict: the window's mean against the limit; "-" without a limit or without completions. */
    static String verdict(RunResult.Stats stats, Double limit) {
        if (limit == null || Double.isNaN(stats.mean())) {
            return "-";
        }
        return stats.mean() > limit ? "OVER" : "ok";
    }

    @Override
    public void replaced(RunResult.Replacement replacement) {
        out.printf(Locale.ROOT, "%n>> t=%.1f s re-placement (%s)%n   %s%n   -> %s%n   cost %s -> %s per hour, %d move(s), re-planned in %s%n",
                replacement.time(), replacement.reason(), ReportWriter.describe(replacement.before()),
                ReportWriter.describe(replacement.after()), Numbers.significant(replacement.costPerHourBefore()),
                Numbers.significant(replacement.costPerHourAfter()), replacement.moves(), Numbers.seconds(replacement.replanSeconds()));
        out.flush();
    }
}
