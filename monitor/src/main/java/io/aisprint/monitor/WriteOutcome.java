package io.aisprint.monitor;

import java.util.List;

/**
 * What a write request did: how many points were stored and which lines were rejected, plus
 * the HTTP status and JSON body to answer with in the InfluxDB dialect the client used.
 */
public record WriteOutcome(int pointsWritten, List<LineError> errors, int status, String body) {
    public WriteOutcome {
        errors = List.copyOf(errors);
    }
}
