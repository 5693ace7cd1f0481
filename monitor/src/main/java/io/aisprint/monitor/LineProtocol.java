package io.aisprint.monitor;

import io.aisprint.monitor.internal.LineProtocolParser;
import java.util.Map;

/**
 * InfluxDB line protocol: parse batches (every field type, precision, escape, comment and
 * blank line) and format points back so that parse(format(p)) == p.
 */
public final class LineProtocol {
    /** The longest line accepted, in characters; InfluxDB has no explicit one, 1 MiB is generous. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;
    /** The longest string field value, as documented for InfluxDB. */
    public static final int MAX_STRING_LENGTH = 64 * 1024;

    private LineProtocol() {
    }

    /**
     * Parses a batch. Lines without a timestamp get {@code defaultTimeNanos}. Bad lines are
     * reported with their number and reason; the good ones are returned all the same.
     */
    public static ParseResult parse(CharSequence body, Precision precision, long defaultTimeNanos) {
        return new LineProtocolParser(precision, defaultTimeNanos, DEFAULT_MAX_LINE_LENGTH).parse(body);
    }

    public static ParseResult parse(CharSequence body, Precision precision, long defaultTimeNanos, int maxLineLength) {
        return new LineProtocolParser(precision, defaultTimeNanos, maxLineLength).parse(body);
    }

    /** Formats one point as a line (nanosecond precision, no trailing newline). */
    public static String format(Point point) {
        StringBuilder out = new StringBuilder(64);
        appendLine(out, point);
        return out.toString();
    }

    /** Appends one point as a line, without a newline. */
    public static void appendLine(StringBuilder out, Point point) {
        appendSeriesKey(out, point.measurement(), point.tags());
        out.append(' ');
        boolean first = true;
        for (Map.Entry<String, FieldValue> field : point.fields().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            escape(out, field.getKey(), true);
            out.append('=');
            appendValue(out, field.getValue());
        }
        out.append(' ').append(point.timeNanos());
    }

    public static String seriesKey(String measurement, Map<String, String> tags) {
        StringBuilder out = new StringBuilder(measurement.length() + 16 * tags.size());
        appendSeriesKey(out, measurement, tags);
        return out.toString();
    }

    private static void appendSeriesKey(StringBuilder out, String measurement, Map<String, String> tags) {
        escape(out, measurement, false);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            out.append(',');
            escape(out, tag.getKey(), true);
            out.append('=');
            escape(out, tag.getValue(), true);
        }
    }

    private static void appendValue(StringBuilder out, FieldValue value) {
        if (value instanceof FieldValue.FloatValue f) {
            out.append(formatFloat(f.value()));
        } else if (value instanceof FieldValue.IntegerValue i) {
            out.append(i.value()).append('i');
        } else if (value instanceof FieldValue.UnsignedValue u) {
            out.append(Long.toUnsignedString(u.value())).append('u');
        } else if (value instanceof FieldValue.BooleanValue b) {
            out.append(b.value());
        } else if (value instanceof FieldValue.StringValue s) {
            out.append('"');
            String text = s.value();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
    }

    private static String formatFloat(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value).replace("E", "e");
    }

    /** Escapes comma and space everywhere, equals sign in keys and tag values, and backslashes that would otherwise be read as escapes. */
    private static void escape(StringBuilder out, String text, boolean escapeEquals) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ' ' || (escapeEquals && c == '=')) {
                out.append('\\');
            } else if (c == '\\' && (i + 1 == text.length() || isSpecial(text.charAt(i + 1), escapeEquals))) {
                out.append('\\');
            }
            out.append(c);
        }
    }

    private static boolean isSpecial(char c, boolean escapeEquals) {
        return c == ',' || c == ' ' || c == '\\' || (escapeEquals && c == '=');
    }
}
