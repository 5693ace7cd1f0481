package io.aisprint.runtime.internal;

import io.aisprint.runtime.RunSummary;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Formats run metrics as InfluxDB line protocol, the format the monitor ingests. */
public final class LineProtocol {
    private LineProtocol() {
    }

    public static String format(RunSummary summary, Map<String, String> tags, long epochNanos) {
        String commonTags = tags(new TreeMap<>(tags));
        StringBuilder out = new StringBuilder();
        out.append("aisprint_run").append(commonTags)
                .append(" submitted=").append(summary.submitted()).append('i')
                .append(",succeeded=").append(summary.succeeded()).append('i')
                .append(",failed=").append(summary.failed()).append('i')
                .append(",cancelled=").append(summary.cancelled()).append('i')
                .append(",retried=").append(summary.retried()).append('i')
                .append(",ignored=").append(summary.ignored()).append('i')
                .append(",latency_mean_ms=").append(number(summary.latencyMeanMillis()))
                .append(",latency_p50_ms=").append(number(summary.latencyP50Millis()))
                .append(",latency_p95_ms=").append(number(summary.latencyP95Millis()))
                .append(",latency_max_ms=").append(number(summary.latencyMaxMillis()))
                .append(' ').append(epochNanos).append('\n');
        summary.perTask().forEach((name, stats) -> {
            Map<String, String> taskTags = new TreeMap<>(tags);
            taskTags.put("task", name);
            out.append("aisprint_task").append(tags(taskTags))
                    .append(" count=").append(stats.count()).append('i')
                    .append(",failures=").append(stats.failures()).append('i')
                    .append(",latency_mean_ms=").append(number(stats.latencyMeanMillis()))
                    .append(",latency_max_ms=").append(number(stats.latencyMaxMillis()))
                    .append(' ').append(epochNanos).append('\n');
        });
        return out.toString();
    }

    private static String tags(Map<String, String> tags) {
        StringBuilder out = new StringBuilder();
        tags.forEach((key, value) -> out.append(',').append(escape(key)).append('=').append(escape(value)));
        return out.toString();
    }

    /** Tag keys and values escape commas, equals signs and spaces with a backslash. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
