package io.aisprint.monitor.internal;

import io.aisprint.monitor.Precision;
import io.aisprint.monitor.WriteOutcome;

/** Where the HTTP and UDP front ends hand a write body: the store, or the agent's buffer. */
@FunctionalInterface
public interface WriteSink {
    WriteOutcome write(String body, Precision precision, Ingestor.Dialect dialect);

    /** A write addressed to a database (v1 {@code db}, v2 {@code bucket}) and retention policy (null: default). */
    default WriteOutcome write(String body, Precision precision, Ingestor.Dialect dialect, String database, String retentionPolicy) {
        return write(body, precision, dialect);
    }
}
