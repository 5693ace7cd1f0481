package io.aisprint.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small InfluxQL subset {@code /query} understands, enough for dashboards and scripts that
 * ask InfluxDB 1.x for one field:
 * <pre>
 * SELECT [agg(]"field"[, N][)] FROM "measurement"
 *   [WHERE "tag" = 'value' [AND ...] [AND time &gt;= now() - 1h | &gt;= 123ns-integer | &gt;= '2024-...Z'] [AND time &lt; ...]]
 *   [GROUP BY time(5m)[, "tag" ...] | GROUP BY "tag", ... | GROUP BY *] [fill(none)]
 * </pre>
 * Aggregates: mean, min, max, count, sum, first, last, percentile(f, N). Anything else is
 * refused with a message naming what is supported.
 */
public final class InfluxQl {
    private static final Pattern SELECT = Pattern.compile(
            "(?is)^\\s*SELECT\\s+(.+?)\\s+FROM\\s+(\"(?:[^\"\\\\]|\\\\.)+\"|[A-Za-z_][\\w.-]*)"
                    + "(?:\\s+WHERE\\s+(.+?))?(?:\\s+GROUP\\s+BY\\s+(.+?))?(?:\\s+fill\\(\\s*none\\s*\\))?\\s*;?\\s*$");
    private static final Pattern AGGREGATE = Pattern.compile(
            "(?i)^(mean|min|max|count|sum|first|last|percentile)\\(\\s*(\"[^\"]+\"|[A-Za-z_][\\w.-]*)\\s*(?:,\\s*([0-9.]+)\\s*)?\\)$");
    private static final Pattern TAG_CONDITION = Pattern.compile("^(\"[^\"]+\"|[A-Za-z_][\\w.-]*)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'$");
    private static final Pattern TIME_CONDITION = Pattern.compile("(?i)^time\\s*(>=|>|<=|<)\\s*(.+)$");
    private static final Pattern NOW_MINUS = Pattern.compile("(?i)^now\\(\\)\\s*(?:-\\s*(\\d+(?:ns|us|u|ms|s|m|h|d|w)))?$");

    private InfluxQl() {
    }

    /** Turns one SELECT statement into a query; times without a bound default to the last hour. */
    public static SeriesQuery parse(String statement, Clock clock) {
        Matcher select = SELECT.matcher(statement);
        if (!select.matches()) {
            throw MonitorException.invalid("Unsupported InfluxQL: '" + statement + "'. This server answers SELECT agg(\"field\") "
                    + "FROM \"measurement\" [WHERE tag='v' AND time >= now() - 1h] [GROUP BY time(5m), \"tag\"] only;"
                    + "\nMaybe use GET /api/v1/query, or --store influxdb for full InfluxQL.");
        }
        String projection = select.group(1).trim();
        Matcher aggregate = AGGREGATE.matcher(projection);
        SeriesQuery.Builder builder;
        if (aggregate.matches()) {
            builder = SeriesQuery.builder(unquote(select.group(2)), unquote(aggregate.group(2)));
            String function = aggregate.group(1).toLowerCase(Locale.ROOT);
            builder.aggregate(function.equals("percentile")
                    ? Aggregation.percentile(Double.parseDouble(require(aggregate.group(3), "percentile needs a number, e.g. percentile(\"f\", 95)")))
                    : Aggregation.parse(function));
        } else {
            builder = SeriesQuery.builder(unquote(select.group(2)), unquote(projection));
        }
        long now = TimeSpec.nanos(clock.instant());
        long from = now - Duration.ofHours(1).toNanos();
        long to = now + 1;
        if (select.group(3) != null) {
            for (String condition : select.group(3).split("(?i)\\s+AND\\s+")) {
                String trimmed = condition.trim();
                Matcher time = TIME_CONDITION.matcher(trimmed);
                Matcher tag = TAG_CONDITION.matcher(trimmed);
                if (time.matches()) {
                    long value = timeValue(time.group(2).trim(), now);
                    switch (time.group(1)) {
                        case ">=" -> from = value;
                        case ">" -> from = value + 1;
                        case "<" -> to = value;
                        default -> to = value + 1;
                    }
                } else if (tag.matches()) {
                    builder.tag(unquote(tag.group(1)), tag.group(2).replace("\\'", "'"));
                } else {
                    throw MonitorException.invalid("Unsupported WHERE condition '" + trimmed
                            + "'; expected \"tag\" = 'value' or time >= now() - 1h, joined by AND.");
                }
            }
        }
        builder.range(from, to);
        List<String> groupBy = new ArrayList<>();
        if (select.group(4) != null) {
            for (String part : select.group(4).split(",")) {
                String trimmed = part.trim();
                if (trimmed.toLowerCase(Locale.ROOT).startsWith("time(") && trimmed.endsWith(")")) {
                    builder.window(TimeSpec.duration(trimmed.substring(5, trimmed.length() - 1)));
                } else {
                    groupBy.add(trimmed.equals("*") ? "*" : unquote(trimmed));
                }
            }
        }
        return builder.groupBy(groupBy).build();
    }

    private static long timeValue(String text, long now) {
        Matcher relative = NOW_MINUS.matcher(text);
        if (relative.matches()) {
            return relative.group(1) == null ? now : now - TimeSpec.duration(relative.group(1)).toNanos();
        }
        if (text.startsWith("'") && text.endsWith("'")) {
            return TimeSpec.instantNanos(text.substring(1, text.length() - 1), Clock.systemUTC());
        }
        if (text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        throw MonitorException.invalid("Unsupported time '" + text + "'; expected now() - 1h, nanoseconds, or '2024-05-01T12:00:00Z'.");
    }

    private static String require(String value, String message) {
        if (value == null) {
            throw MonitorException.invalid(message);
        }
        return value;
    }

    private static String unquote(String name) {
        String trimmed = name.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\\\"", "\"");
        }
        return trimmed;
    }
}
