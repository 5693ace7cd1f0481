package io.aisprint.monitor;

import java.util.Objects;

/**
 * The one unchecked error of the monitor module. It carries a category so servers can pick an
 * HTTP status and the CLI an exit code, and a message written for the person who has to act.
 */
public final class MonitorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** The input (a line, a query, a rule file, an option) is malformed or invalid. */
        INVALID_INPUT,
        /** A file or directory could not be read or written. */
        STORAGE,
        /** A remote server (InfluxDB, an upstream, a webhook) failed or could not be reached. */
        REMOTE
    }

    private final Kind kind;

    public MonitorException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public MonitorException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    static MonitorException invalid(String message) {
        return new MonitorException(Kind.INVALID_INPUT, message);
    }
}
