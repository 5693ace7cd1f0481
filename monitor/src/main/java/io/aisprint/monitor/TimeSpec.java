package io.aisprint.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the durations ({@code 30s}, {@code 5m}) and times ({@code now-1h}, RFC 3339, ns) users type. */
public final class TimeSpec {
    private TimeSpec() {
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 1w}, {@code 100us}, {@code 10ns}. */
    public static Duration duration(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < trimmed.length() && Character.isDigit(trimmed.charAt(split))) {
            split++;
        }
        if (split == 0 || split == trimmed.length()) {
            throw badDuration(text);
        }
        long amount = Long.parseLong(trimmed.substring(0, split));
        return switch (trimmed.substring(split)) {
            case "ns" -> Duration.ofNanos(amount);
            case "us", "u" -> Duration.ofNanos(amount * 1_000);
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> throw badDuration(text);
        };
    }

    private static MonitorException badDuration(String text) {
        return MonitorException.invalid("Cannot read duration '" + text
                + "'; expected a whole number with a unit: ns, us, ms, s, m, h, d or w (e.g. 30s, 5m).");
    }

    /**
     * A point in time in nanoseconds: {@code now}, {@code now-5m}, {@code -5m} (relative to now),
     * an RFC 3339 instant, or an integer count of nanoseconds since the epoch.
     */
    public static long instantNanos(String text, Clock clock) {
        String trimmed = text.trim();
        long now = nanos(clock.instant());
        if (trimmed.equals("now")) {
            return now;
        }
        if (trimmed.startsWith("now-") || trimmed.startsWith("-")) {
            return now - duration(trimmed.substring(trimmed.indexOf('-') + 1)).toNanos();
        }
        if (trimmed.startsWith("now+")) {
            return now + duration(trimmed.substring(4)).toNanos();
        }
        if (trimmed.matches("-?\\d+")) {
            return Long.parseLong(trimmed);
        }
        try {
            return nanos(Instant.parse(trimmed));
        } catch (DateTimeParseException e) {
            throw MonitorException.invalid("Cannot read time '" + text
                    + "'; expected now, now-5m, -5m, an RFC 3339 time such as 2024-05-01T12:00:00Z, or nanoseconds since the epoch.");
        }
    }

    public static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
