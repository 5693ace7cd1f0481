package io.aisprint.monitor;

/** A line that could not be parsed: its 1-based number in the batch, its text and why. */
public record LineError(int lineNumber, String line, String reason) {

    /** The text InfluxDB-style clients expect, with the line cut short when it is long. */
    public String describe() {
        String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return "unable to parse '" + shown + "' (line " + lineNumber + "): " + reason;
    }
}
