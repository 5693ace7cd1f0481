package io.aisprint.learn.fl;

import java.util.List;

/**
 * One finished round as the server saw it: the global model's test accuracy and loss after it,
 * its wall time, which clients were sampled and which updates were used, and every rejection
 * with its reason. {@code epsilon} is the client-level ε spent so far (NaN without DP).
 */
public record RoundRecord(int round, double accuracy, double loss, double seconds, List<String> sampled, List<String> accepted,
                          List<Rejection> rejected, double epsilon) {

    /** An update the server refused, and why. */
    public record Rejection(String client, int round, String reason) {
    }
}
