package io.aisprint.monitor.internal;

import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.LineError;
import io.aisprint.monitor.LineProtocol;
import io.aisprint.monitor.ParseResult;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.Precision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Line-protocol parser. One line at a time, by index over the characters (no regular
 * expressions, no splitting into substrings first) because ingestion speed depends on it.
 * A bad line becomes a {@link LineError}; it never stops the batch.
 */
public final class LineProtocolParser {
    private final Precision precision;
    private final long defaultTimeNanos;
    private final int maxLineLength;

    public LineProtocolParser(Precision precision, long defaultTimeNanos, int maxLineLength) {
        this.precision = precision;
        this.defaultTimeNanos = defaultTimeNanos;
        this.maxLineLength = maxLineLength;
    }

    public ParseResult parse(CharSequence body) {
        String text = body.toString();
        List<Point> points = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            lineNumber++;
            int lineEnd = end;
            if (lineEnd > start && text.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            parseLine(text, start, lineEnd, lineNumber, points, errors);
            start = end + 1;
        }
        return new ParseResult(points, errors);
    }

    private void parseLine(String text, int from, int to, int lineNumber, List<Point> points, List<LineError> errors) {
        int start = from;
        while (start < to && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        if (start == to || text.charAt(start) == '#') {
            return;
        }
        if (to - start > maxLineLength) {
            errors.add(new LineError(lineNumber, text.substring(start, start + 120),
                    "line is " + (to - start) + " characters long; the limit is " + maxLineLength));
            return;
        }
        try {
            points.add(new Cursor(text, start, to).point());
        } catch (BadLine bad) {
            errors.add(new LineError(lineNumber, text.substring(start, to), bad.getMessage()));
        }
    }

    /** Thrown inside one line only; turned into a {@link LineError} by the caller. */
    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    /** The parse state of one line. */
    private final class Cursor {
        private final String text;
        private final int end;
        private int position;
        private final StringBuilder scratch = new StringBuilder(32);

        Cursor(String text, int start, int end) {
            this.text = text;
            this.position = start;
            this.end = end;
        }

        Point point() throws BadLine {
            String measurement = token(false, true);
            if (measurement.isEmpty()) {
                throw new BadLine("missing measurement name");
            }
            TreeMap<String, String> tags = new TreeMap<>();
            while (position < end && text.charAt(position) == ',') {
                position++;
                String key = token(true, true);
                if (key.isEmpty()) {
                    throw new BadLine("missing tag key");
                }
                expect('=', "missing '=' after tag key '" + key + "'");
                String value = token(true, true);
                if (value.isEmpty()) {
                    throw new BadLine("missing tag value for tag '" + key + "' (omit the tag instead of leaving it empty)");
                }
                checkName(key, "tag key");
                tags.put(key, value);
            }
            if (position >= end || text.charAt(position) != ' ') {
                throw new BadLine("missing fields");
            }
            position++;
            Map<String, FieldValue> fields = new HashMap<>(4);
            do {
                if (position < end && text.charAt(position) == ',') {
                    position++;
                }
                String key = token(true, true);
                if (key.isEmpty()) {
                    throw new BadLine(fields.isEmpty() ? "missing fields" : "missing field key after ','");
                }
                expect('=', "missing '=' after field key '" + key + "'");
                checkName(key, "field key");
                fields.put(key, fieldValue(key));
            } while (position < end && text.charAt(position) == ',');
            long time = defaultTimeNanos;
            if (position < end) {
                if (text.charAt(position) != ' ') {
                    throw new BadLine("unexpected character '" + text.charAt(position) + "' after the field set");
                }
                position++;
                time = timestamp();
            }
            return new Point(measurement, tags, fields, time);
        }

        private void checkName(String key, String what) throws BadLine {
            if (key.equals("time") || key.equals("_measurement") || key.equals("_field")) {
                throw new BadLine(what + " '" + key + "' is reserved; rename it");
            }
        }

        private void expect(char wanted, String message) throws BadLine {
            if (position >= end || text.charAt(position) != wanted) {
                throw new BadLine(message);
            }
            position++;
        }

        /**
         * Reads up to the next unescaped comma or space (and equals sign when {@code stopAtEquals}).
         * Backslash escapes those characters and itself; before anything else it is literal.
         */
        private String token(boolean stopAtEquals, boolean unescape) throws BadLine {
            int start = position;
            boolean escaped = false;
            while (position < end) {
                char c = text.charAt(position);
                if (c == '\\' && position + 1 < end && isSpecial(text.charAt(position + 1), stopAtEquals)) {
                    escaped = true;
                    position += 2;
                    continue;
                }
                if (c == ',' || c == ' ' || (stopAtEquals && c == '=')) {
                    break;
                }
                position++;
            }
            if (!escaped || !unescape) {
                return text.substring(start, position);
            }
            scratch.setLength(0);
            for (int i = start; i < position; i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < position && isSpecial(text.charAt(i + 1), stopAtEquals)) {
                    i++;
                    c = text.charAt(i);
                }
                scratch.append(c);
            }
            return scratch.toString();
        }

        private boolean isSpecial(char c, boolean equalsIsSpecial) {
            return c == ',' || c == ' ' || c == '\\' || (equalsIsSpecial && c == '=');
        }

        private FieldValue fieldValue(String key) throws BadLine {
            if (position >= end) {
                throw new BadLine("missing value for field '" + key + "'");
            }
            if (text.charAt(position) == '"') {
                return stringValue(key);
            }
            int start = position;
            while (position < end) {
                char c = text.charAt(position);
                if (c == ',' || c == ' ') {
                    break;
                }
                position++;
            }
            if (start == position) {
                throw new BadLine("missing value for field '" + key + "'");
            }
            return scalar(key, text.substring(start, position));
        }

        private FieldValue stringValue(String key) throws BadLine {
            position++;
            scratch.setLength(0);
            while (position < end) {
                char c = text.charAt(position);
                if (c == '\\' && position + 1 < end && (text.charAt(position + 1) == '"' || text.charAt(position + 1) == '\\')) {
                    scratch.append(text.charAt(position + 1));
                    position += 2;
                    continue;
                }
                if (c == '"') {
                    position++;
                    if (scratch.length() > LineProtocol.MAX_STRING_LENGTH) {
                        throw new BadLine("string value of field '" + key + "' is " + scratch.length()
                                + " characters long; the limit is " + LineProtocol.MAX_STRING_LENGTH);
                    }
                    if (position < end && text.charAt(position) != ',' && text.charAt(position) != ' ') {
                        throw new BadLine("unexpected character after the string value of field '" + key + "'");
                    }
                    return new FieldValue.StringValue(scratch.toString());
                }
                scratch.append(c);
                position++;
            }
            throw new BadLine("unterminated string value of field '" + key + "' (missing closing '\"')");
        }

        private FieldValue scalar(String key, String raw) throws BadLine {
            char last = raw.charAt(raw.length() - 1);
            if (last == 'i') {
                try {
                    return new FieldValue.IntegerValue(Long.parseLong(raw, 0, raw.length() - 1, 10));
                } catch (NumberFormatException e) {
                    throw new BadLine("invalid integer '" + raw + "' for field '" + key
                            + "' (expected a signed 64-bit integer followed by 'i')");
                }
            }
            if (last == 'u') {
                try {
                    return new FieldValue.UnsignedValue(Long.parseUnsignedLong(raw, 0, raw.length() - 1, 10));
                } catch (NumberFormatException e) {
                    throw new BadLine("invalid unsigned integer '" + raw + "' for field '" + key
                            + "' (expected 0 to 18446744073709551615 followed by 'u')");
                }
            }
            switch (raw) {
                case "t", "T", "true", "True", "TRUE":
                    return new FieldValue.BooleanValue(true);
                case "f", "F", "false", "False", "FALSE":
                    return new FieldValue.BooleanValue(false);
                default:
                    break;
            }
            if (!looksLikeFloat(raw)) {
                throw new BadLine("invalid field value '" + raw + "' for field '" + key
                        + "' (expected a number, 123i, 123u, true/false or a \"quoted string\")");
            }
            double value = Double.parseDouble(raw);
            if (Double.isInfinite(value)) {
                throw new BadLine("float value '" + raw + "' of field '" + key + "' is out of range");
            }
            return new FieldValue.FloatValue(value);
        }

        /** Decimal floats only: Java would also take NaN, Infinity, hex and a 'd'/'f' suffix. */
        private boolean looksLikeFloat(String raw) {
            int i = 0;
            int n = raw.length();
            if (raw.charAt(0) == '-' || raw.charAt(0) == '+') {
                i++;
            }
            int digits = 0;
            while (i < n && Character.isDigit(raw.charAt(i))) {
                i++;
                digits++;
            }
            if (i < n && raw.charAt(i) == '.') {
                i++;
                while (i < n && Character.isDigit(raw.charAt(i))) {
                    i++;
                    digits++;
                }
            }
            if (digits == 0) {
                return false;
            }
            if (i < n && (raw.charAt(i) == 'e' || raw.charAt(i) == 'E')) {
                i++;
                if (i < n && (raw.charAt(i) == '-' || raw.charAt(i) == '+')) {
                    i++;
                }
                int exponentDigits = 0;
                while (i < n && Character.isDigit(raw.charAt(i))) {
                    i++;
                    exponentDigits++;
                }
                if (exponentDigits == 0) {
                    return false;
                }
            }
            return i == n;
        }

        private long timestamp() throws BadLine {
            int start = position;
            while (position < end && text.charAt(position) != ' ') {
                position++;
            }
            String raw = text.substring(start, position);
            while (position < end && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            if (position < end) {
                throw new BadLine("unexpected text after the timestamp");
            }
            if (raw.isEmpty()) {
                return defaultTimeNanos;
            }
            long units;
            try {
                units = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw new BadLine("invalid timestamp '" + raw + "' (expected an integer in " + precisionName() + ")");
            }
            try {
                return Math.multiplyExact(units, precision.nanosPerUnit());
            } catch (ArithmeticException e) {
                throw new BadLine("timestamp '" + raw + "' in " + precisionName() + " is out of the int64 nanosecond range");
            }
        }

        private String precisionName() {
            return precision.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
