package io.aisprint.monitor.influxql;

/**
 * An error worded as influxd words it. A parse error fails the whole request (HTTP 400); an
 * execution error is reported in the statement's result (HTTP 200), as influxd does.
 */
public final class QueryError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryError(String message) {
        super(message);
    }
}
