package io.aisprint.monitor;

import java.util.Locale;

/** Timestamp precision of written lines; the InfluxDB 1.x and 2.x spellings are both accepted. */
public enum Precision {
    NANOSECONDS(1L),
    MICROSECONDS(1_000L),
    MILLISECONDS(1_000_000L),
    SECONDS(1_000_000_000L),
    MINUTES(60_000_000_000L),
    HOURS(3_600_000_000_000L);

    private final long nanosPerUnit;

    Precision(long nanosPerUnit) {
        this.nanosPerUnit = nanosPerUnit;
    }

    public long nanosPerUnit() {
        return nanosPerUnit;
    }

    /**
     * Parses a {@code precision=} query parameter; an absent or empty value means nanoseconds,
     * as in InfluxDB.
     */
    /** The name influxd's {@code precision=} parameter takes. */
    public String influxName() {
        return switch (this) {
            case NANOSECONDS -> "ns";
            case MICROSECONDS -> "u";
            case MILLISECONDS -> "ms";
            case SECONDS -> "s";
            case MINUTES -> "m";
            case HOURS -> "h";
        };
    }

    public static Precision parse(String text) {
        if (text == null || text.isEmpty()) {
            return NANOSECONDS;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "ns", "n" -> NANOSECONDS;
            case "us", "u", "\u00b5" -> MICROSECONDS;
            case "ms" -> MILLISECONDS;
            case "s" -> SECONDS;
            case "m" -> MINUTES;
            case "h" -> HOURS;
            default -> throw MonitorException.invalid("Unknown precision '" + text
                    + "'; expected one of ns, u (or us), ms, s, m, h.");
        };
    }
}
