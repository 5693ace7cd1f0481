package io.aisprint.monitor;

/** Alert level of one rule for one group of tags; ordered from good to bad. */
public enum Level {
    OK, WARN, CRIT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Level worst(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static Level best(Level a, Level b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
