package io.aisprint.monitor;

import java.util.Locale;
import java.util.Objects;

/**
 * An aggregate over the values of a window. Percentiles are discrete by nearest rank (as
 * DuckDB's {@code quantile_disc}): the value at 1-based rank ceil(n * p / 100) of the sorted
 * window. Rate is the increase per second over the window: (last - first) / window seconds.
 */
public record Aggregation(Function function, double percentile) {

    public enum Function { MEAN, MIN, MAX, COUNT, SUM, PERCENTILE, RATE, FIRST, LAST }

    public Aggregation {
        Objects.requireNonNull(function, "function");
        if (function == Function.PERCENTILE && !(percentile >= 0 && percentile <= 100)) {
            throw MonitorException.invalid("Percentile " + percentile + " is out of range; expected 0 to 100.");
        }
    }

    public static Aggregation of(Function function) {
        return new Aggregation(function, 0);
    }

    public static Aggregation percentile(double percent) {
        return new Aggregation(Function.PERCENTILE, percent);
    }

    /** Parses {@code mean}, {@code min}, ..., {@code p95} or {@code percentile(99.9)}. */
    public static Aggregation parse(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (lower.matches("p\\d+(\\.\\d+)?")) {
                return percentile(Double.parseDouble(lower.substring(1)));
            }
            if (lower.startsWith("percentile(") && lower.endsWith(")")) {
                return percentile(Double.parseDouble(lower.substring(11, lower.length() - 1)));
            }
            return of(Function.valueOf(lower.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw MonitorException.invalid("Unknown aggregate '" + text
                    + "'; expected mean, min, max, count, sum, first, last, rate, pNN (e.g. p95) or percentile(NN).");
        }
    }

    /** The name used in JSON output and rule files. */
    public String label() {
        if (function == Function.PERCENTILE) {
            String number = percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
            return "p" + number;
        }
        return function.name().toLowerCase(Locale.ROOT);
    }
}
