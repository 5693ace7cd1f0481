package io.aisprint.security.net.pipeline;

/** What the pipeline does with a packet, and why (the table that decided). */
public record Verdict(Outcome outcome, long sessionId, long appId, String reason) {
    public enum Outcome {
        FORWARD, DROP, PUNT
    }

    public boolean forwarded() {
        return outcome == Outcome.FORWARD;
    }
}
