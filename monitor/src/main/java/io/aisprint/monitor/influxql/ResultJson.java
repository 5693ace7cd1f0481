package io.aisprint.monitor.influxql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes results as influxd's JSON: Go's number formatting (a float 10 is {@code 10}, not
 * {@code 10.0}), RFC 3339 times with trailing zeros of the fraction dropped (or integers for
 * {@code epoch=}), and its key order (statement_id, series, messages, partial, error).
 */
public final class ResultJson {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private ResultJson() {
    }

    /** One statement's outcome: its series, or an error. */
    public record StatementResult(int id, List<ResultSeries> series, String error, List<String> warnings, boolean partial,
            boolean timeColumn) {
    }

    public static String results(List<StatementResult> results, String epoch, ZoneId zone, boolean pretty) {
        StringBuilder out = new StringBuilder("{\"results\":[");
        for (int i = 0; i < results.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            statement(out, results.get(i), epoch, zone);
        }
        out.append("]}");
        return out.toString();
    }

    static void statement(StringBuilder out, StatementResult result, String epoch, ZoneId zone) {
        out.append("{\"statement_id\":").append(result.id());
        if (result.series() != null && !result.series().isEmpty()) {
            out.append(",\"series\":[");
            for (int s = 0; s < result.series().size(); s++) {
                if (s > 0) {
                    out.append(',');
                }
                series(out, result.series().get(s), epoch, zone, result.timeColumn(), result.partial() && s == result.series().size() - 1);
            }
            out.append(']');
        }
        if (result.warnings() != null && !result.warnings().isEmpty()) {
            out.append(",\"messages\":[");
            for (int m = 0; m < result.warnings().size(); m++) {
                out.append(m > 0 ? "," : "").append("{\"level\":\"warning\",\"text\":");
                string(out, result.warnings().get(m));
                out.append('}');
            }
            out.append(']');
        }
        if (result.partial()) {
            out.append(",\"partial\":true");
        }
        if (result.error() != null) {
            out.append(",\"error\":");
            string(out, result.error());
        }
        out.append('}');
    }

    private static void series(StringBuilder out, ResultSeries series, String epoch, ZoneId zone, boolean timeColumn, boolean partial) {
        out.append('{');
        boolean comma = false;
        if (series.name() != null) {
            out.append("\"name\":");
            string(out, series.name());
            comma = true;
        }
        if (series.tags() != null && !series.tags().isEmpty()) {
            out.append(comma ? "," : "").append("\"tags\":{");
            boolean first = true;
            for (Map.Entry<String, String> tag : series.tags().entrySet()) {
                out.append(first ? "" : ",");
                string(out, tag.getKey());
                out.append(':');
                string(out, tag.getValue());
                first = false;
            }
            out.append('}');
            comma = true;
        }
        out.append(comma ? "," : "").append("\"columns\":[");
        for (int c = 0; c < series.columns().size(); c++) {
            out.append(c > 0 ? "," : "");
            string(out, series.columns().get(c));
        }
        out.append(']');
        if (!series.values().isEmpty()) {
            out.append(",\"values\":[");
            for (int r = 0; r < series.values().size(); r++) {
                out.append(r > 0 ? ",[" : "[");
                List<Object> row = series.values().get(r);
                for (int c = 0; c < row.size(); c++) {
                    out.append(c > 0 ? "," : "");
                    if (c == 0 && timeColumn) {
                        time(out, (Long) row.get(0), epoch, zone);
                    } else {
                        value(out, row.get(c));
                    }
                }
                out.append(']');
            }
            out.append(']');
        }
        if (partial) {
            out.append(",\"partial\":true");
        }
        out.append('}');
    }

    private static void time(StringBuilder out, long nanos, String epoch, ZoneId zone) {
        if (epoch != null && !epoch.isEmpty()) {
            long divisor = switch (epoch) {
                case "u", "us", "µ" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 1L;
            };
            out.append(nanos / divisor);
            return;
        }
        out.append('"').append(rfc3339(nanos, zone)).append('"');
    }

    /** Go's time.RFC3339Nano: fraction without trailing zeros, Z for UTC, else the offset. */
    public static String rfc3339(long nanos, ZoneId zone) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        ZoneId z = zone == null ? ZoneOffset.UTC : zone;
        var local = instant.atZone(z);
        StringBuilder text = new StringBuilder(SECONDS.format(local));
        int fraction = instant.getNano();
        if (fraction != 0) {
            String digits = String.format("%09d", fraction);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        ZoneOffset offset = local.getOffset();
        text.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
        return text.toString();
    }

    static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Double d) {
            out.append(goFloat(d));
        } else if (value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else {
            string(out, value.toString());
        }
    }

    /** Go's encoding/json float64: shortest digits, exponent form below 1e-6 and from 1e21. */
    static String goFloat(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        double abs = Math.abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String text = Double.toString(value).replace("E", "e");
            int e = text.indexOf('e');
            String mantissa = text.substring(0, e);
            if (mantissa.endsWith(".0")) {
                mantissa = mantissa.substring(0, mantissa.length() - 2);
            }
            String exponent = text.substring(e + 1);
            String sign = exponent.startsWith("-") ? "-" : "+";
            exponent = exponent.replace("-", "");
            if (exponent.length() < 2) {
                exponent = "0" + exponent;
            }
            return mantissa + "e" + sign + exponent;
        }
        String plain = new BigDecimal(Double.toString(value)).toPlainString();
        if (plain.contains(".")) {
            plain = plain.replaceAll("0+$", "");
            if (plain.endsWith(".")) {
                plain = plain.substring(0, plain.length() - 1);
            }
        }
        return plain.equals("-0") ? "-0" : plain;
    }

    static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
