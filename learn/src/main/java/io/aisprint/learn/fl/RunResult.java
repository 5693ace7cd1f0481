package io.aisprint.learn.fl;

import java.util.List;

/**
 * A federated run's outcome: every round, the final test accuracy, the client-level ε spent
 * (NaN without DP; the δ it is for is in the settings), and why it stopped early if it did.
 */
public record RunResult(List<RoundRecord> rounds, double finalAccuracy, double epsilon, String stoppedEarly) {
}
