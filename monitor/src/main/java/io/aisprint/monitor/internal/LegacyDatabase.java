package io.aisprint.monitor.internal;

/**
 * The database that the Java API's {@code MetricStore.write(points)} (rule engine, platform)
 * writes to, and that the server creates at start: the agent's and platform's default target.
 */
public final class LegacyDatabase {
    public static final String NAME = "aisprint";

    private LegacyDatabase() {
    }
}
