package io.aisprint.cli;

import java.time.Duration;

/** Durations as people write them ("10 s", "5 min", "1 h 30 min"), not ISO-8601 ("PT10S"). */
final class Durations {
    private Durations() {
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis % 1_000 != 0) {
            return String.format(java.util.Locale.ROOT, "%.3g s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds % 60 != 0 || seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
