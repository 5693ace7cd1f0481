package io.aisprint.learn.nn;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;

/**
 * How a client trains locally in one round: plain mini-batch SGD for {@code epochs} passes over
 * its data, with FedProx's proximal term (μ/2)‖w − wᵗ‖² when {@code proximalMu > 0}, and DP-SGD
 * (Abadi et al. 2016: Poisson-sampled lots of expected size {@code batchSize}, every example's
 * gradient clipped to {@code clipNorm}, Gaussian noise of deviation σ·clipNorm on the sum) when
 * {@code noiseMultiplier > 0}.
 */
public record TrainingSettings(int epochs, int batchSize, double learningRate, double proximalMu, double clipNorm, double noiseMultiplier) {

    public TrainingSettings {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(proximalMu >= 0) || !(noiseMultiplier >= 0)
            || (noiseMultiplier > 0 && !(clipNorm > 0))) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, String.format(
                "local training settings out of range: epochs %d (>= 1), batch %d (>= 1), learning rate %s (> 0), mu %s (>= 0), "
                    + "noise multiplier %s (>= 0) with clip norm %s (> 0 when noise is on).",
                epochs, batchSize, learningRate, proximalMu, noiseMultiplier, clipNorm));
        }
    }

    public static TrainingSettings sgd(int epochs, int batchSize, double learningRate) {
        return new TrainingSettings(epochs, batchSize, learningRate, 0, 0, 0);
    }

    public boolean differentiallyPrivate() {
        return noiseMultiplier > 0;
    }
}
