package io.aisprint.monitor.influxql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** InfluxQL duration literals ({@code 90s}, {@code 1h30m}, {@code 10u}) and Go's duration wording. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ns|us|u|µs|µ|ms|s|m|h|d|w)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ns|us|u|µs|µ|ms|s|m|h|d|w))+");

    private Durations() {
    }

    static boolean isDuration(String text) {
        return WHOLE.matcher(text).matches();
    }

    /** Nanoseconds of a duration literal; influxd's "invalid duration" otherwise. */
    public static long parse(String text) {
        if (!isDuration(text)) {
            throw new QueryError("invalid duration");
        }
        long total = 0;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total += n * unit(part.group(2));
        }
        return total;
    }

    private static long unit(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "u", "µs", "µ" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> 604_800_000_000_000L;
        };
    }

    /** Go's {@code time.Duration.String()} for whole seconds and above, as SHOW RETENTION POLICIES prints them. */
    public static String goString(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 1_000_000_000L != 0 || nanos < 1_000_000_000L) {
            return subSecond(nanos);
        }
        long seconds = nanos / 1_000_000_000L;
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (hours > 0) {
            return hours + "h" + minutes + "m" + secs + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + secs + "s";
        }
        return secs + "s";
    }

    private static String subSecond(long nanos) {
        if (nanos < 1_000L) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000L) {
            return trim(nanos / 1e3) + "µs";
        }
        if (nanos < 1_000_000_000L) {
            return trim(nanos / 1e6) + "ms";
        }
        return trim(nanos / 1e9) + "s";
    }

    private static String trim(double value) {
        String text = Double.toString(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** The literal as InfluxQL writes it back (used for column names such as {@code derivative}). */
    public static String literal(long nanos) {
        String[] units = {"w", "d", "h", "m", "s", "ms", "u"};
        long[] sizes = {604_800_000_000_000L, 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L,
            1_000_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (nanos != 0 && nanos % sizes[i] == 0) {
                return nanos / sizes[i] + units[i];
            }
        }
        return nanos + "ns";
    }
}
