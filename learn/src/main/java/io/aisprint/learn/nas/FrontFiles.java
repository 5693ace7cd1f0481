package io.aisprint.learn.nas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A search's outputs: {@code front.json} (the front, the statistics, every candidate),
 * {@code front.svg} (accuracy against latency on the slowest target, the limit drawn) and
 * {@code front.html} (the picture and a table). Each is written atomically.
 */
public final class FrontFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FrontFiles() {
    }

    public static ObjectNode json(NasResult result) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode front = root.putArray("front");
        for (NasResult.Member member : result.front()) {
            ObjectNode node = front.addObject();
            node.put("accuracy", member.accuracy());
            node.put("predicted_latency_s", member.worstPredicted());
            node.put("measured_latency_s", member.worstMeasured());
            node.put("memory_mb", member.memoryMb());
            node.put("parameters", member.parameters());
            node.put("model", member.model() == null ? null : member.model().toString());
            node.put("cell", member.cell());
            node.put("validation_accuracy", member.validationAccuracy());
            node.put("proxy_accuracy", member.proxyAccuracy());
            node.put("epochs", member.epochs());
            ObjectNode targets = node.putObject("targets");
            for (String target : member.measuredLatency().keySet()) {
                targets.putObject(target).put("predicted_latency_s", member.predictedLatency().get(target))
                    .put("measured_latency_s", member.measuredLatency().get(target));
            }
        }
        NasSettings settings = result.settings();
        ObjectNode limits = root.putObject("limits");
        limits.put("latency_s", settings.latencyLimit());
        limits.put("memory_mb", Double.isInfinite(settings.memoryLimitMb()) ? null : settings.memoryLimitMb());
        ObjectNode targets = limits.putObject("targets");
        settings.targets().forEach(t -> targets.put(t.name(), t.speed()));
        NasResult.Statistics s = result.statistics();
        ObjectNode statistics = root.putObject("statistics");
        statistics.put("strategy", s.strategy());
        statistics.put("budget_s", settings.budget().toSeconds());
        statistics.put("profiled", s.profiled());
        statistics.put("trained", s.trained());
        statistics.put("discarded_by_prediction", s.discardedByPrediction());
        statistics.put("audited", s.audited());
        statistics.put("audited_infeasible", s.auditedInfeasible());
        statistics.put("predictor_precision", nullable(s.predictorPrecision()));
        statistics.put("predicted_feasible_measured_infeasible", s.predictedFeasibleMeasuredInfeasible());
        statistics.put("time_predictor_mape", nullable(s.timePredictorMape()));
        statistics.put("hypervolume", s.hypervolume());
        statistics.put("search_s", s.searchSeconds());
        statistics.put("total_s", s.totalSeconds());
        statistics.put("time_model", s.timeModel());
        ArrayNode candidates = root.putArray("candidates");
        for (NasResult.Candidate c : result.candidates()) {
            ObjectNode node = candidates.addObject();
            node.put("cell", c.cell());
            node.put("blocks", c.blocks());
            node.put("predicted_local_latency_s", nullable(c.predictedLocal()));
            node.put("measured_local_latency_s", c.measuredLocal());
            node.put("predicted_accuracy", nullable(c.predictedAccuracy()));
            node.put("proxy_accuracy", nullable(c.proxyAccuracy()));
            node.put("memory_mb", c.memoryMb());
            node.put("parameters", c.parameters());
            node.put("feasible", c.feasible());
        }
        return root;
    }

    /** Writes front.json, front.svg and front.html into {@code out}. */
    public static void write(NasResult result, Path out) {
        ModelFiles.writeAtomically(out.resolve("front.json"), json(result).toPrettyString() + "\n");
        String svg = svg(result);
        ModelFiles.writeAtomically(out.resolve("front.svg"), svg);
        ModelFiles.writeAtomically(out.resolve("front.html"), html(result, svg));
    }

    static String svg(NasResult result) {
        double slowest = result.settings().slowestSpeed();
        double limitMs = result.settings().latencyLimit() * 1e3;
        double maxMs = limitMs;
        double minAccuracy = 1;
        for (NasResult.Candidate c : result.candidates()) {
            maxMs = Math.max(maxMs, c.measuredLocal() / slowest * 1e3);
            if (!Double.isNaN(c.proxyAccuracy())) {
                minAccuracy = Math.min(minAccuracy, c.proxyAccuracy());
            }
        }
        for (NasResult.Member m : result.front()) {
            minAccuracy = Math.min(minAccuracy, m.accuracy());
        }
        double low = Math.max(0, Math.floor(minAccuracy * 20 - 1) / 20);
        double xMax = maxMs * 1.05;
        int width = 640;
        int height = 420;
        int left = 60;
        int bottom = 360;
        int top = 30;
        int right = 620;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">Accuracy vs batch-1 latency on %s (%s search)</text>%n", left,
            escape(result.settings().targets().stream().map(NasSettings.Target::name).toList().toString()), result.statistics().strategy()));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
            left, bottom, right, bottom, left, bottom, left, top));
        for (int i = 0; i <= 5; i++) {
            double ms = xMax * i / 5;
            double accuracy = low + (1 - low) * i / 5;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>%n", x(ms, xMax, left, right), bottom + 16, ms));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", left - 6, y(accuracy, low, top, bottom) + 4, accuracy));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">latency on the slowest target (ms)</text>%n", (left + right) / 2, bottom + 34));
        double limitX = x(limitMs, xMax, left, right);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c00\" stroke-dasharray=\"5,4\"/><text x=\"%.1f\" y=\"%d\" fill=\"#c00\">limit %.2f ms</text>%n",
            limitX, top, limitX, bottom, limitX + 4, top + 12, limitMs));
        for (NasResult.Candidate c : result.candidates()) {
            if (Double.isNaN(c.proxyAccuracy())) {
                continue;
            }
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#999\"><title>%s proxy %.4f</title></circle>%n",
                x(c.measuredLocal() / slowest * 1e3, xMax, left, right), y(c.proxyAccuracy(), low, top, bottom), escape(c.cell()), c.proxyAccuracy()));
        }
        for (NasResult.Member m : result.front()) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#06c\"><title>%s test %.4f</title></circle>%n",
                x(m.worstMeasured() * 1e3, xMax, left, right), y(m.accuracy(), low, top, bottom), escape(m.cell()), m.accuracy()));
        }
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"#999\"/><text x=\"%d\" y=\"%d\">trained on the proxy set</text>"
            + "<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"#06c\"/><text x=\"%d\" y=\"%d\">front (test accuracy after full training)</text>%n",
            left + 10, height - 14, left + 18, height - 10, left + 200, height - 14, left + 210, height - 10));
        return svg.append("</svg>\n").toString();
    }

    private static String html(NasResult result, String svg) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>aisprint NAS front</title>"
            + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 10px;text-align:right}td:first-child{text-align:left}</style></head><body>\n");
        html.append("<h1>Architecture search front</h1>\n").append(svg);
        html.append("<table><tr><th>cell</th><th>test accuracy</th><th>predicted ms</th><th>measured ms</th><th>memory MB</th><th>parameters</th></tr>\n");
        for (NasResult.Member m : result.front()) {
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%d</td></tr>%n",
                escape(m.cell()), m.accuracy(), m.worstPredicted() * 1e3, m.worstMeasured() * 1e3, m.memoryMb(), m.parameters()));
        }
        NasResult.Statistics s = result.statistics();
        html.append(String.format(Locale.ROOT, "</table><p>%d profiled, %d trained, %d discarded by the predictors, time predictor MAPE %.1f %%, "
            + "hypervolume %.6f, %.0f s.</p></body></html>%n", s.profiled(), s.trained(), s.discardedByPrediction(), s.timePredictorMape() * 100,
            s.hypervolume(), s.totalSeconds()));
        return html.toString();
    }

    private static double x(double ms, double max, int left, int right) {
        return left + (right - left) * ms / max;
    }

    private static double y(double accuracy, double low, int top, int bottom) {
        return bottom - (bottom - top) * (accuracy - low) / (1 - low);
    }

    private static Double nullable(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static List<String> files() {
        return List.of("front.json", "front.svg", "front.html");
    }
}
