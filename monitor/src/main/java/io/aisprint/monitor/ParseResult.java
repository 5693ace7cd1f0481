package io.aisprint.monitor;

import java.util.List;

/** The points of a batch that parsed, and the lines that did not. */
public record ParseResult(List<Point> points, List<LineError> errors) {
    public ParseResult {
        points = List.copyOf(points);
        errors = List.copyOf(errors);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
