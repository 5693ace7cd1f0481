package io.aisprint.learn.fl;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.util.Locale;

/**
 * How the combined change moves the global model. {@link Plain} adds it (FedAvg's server step);
 * the FedOpt family (Reddi et al. 2021, "Adaptive Federated Optimization") treats −Δ as a
 * pseudo-gradient: m ← β1·m + (1 − β1)·Δ; v ← v + Δ² (Adagrad), β2·v + (1 − β2)·Δ² (Adam) or
 * v − (1 − β2)·Δ²·sign(v − Δ²) (Yogi); w ← w + η·m / (√v + τ). Defaults are Flower's: η = 0.1,
 * β1 = 0.9, β2 = 0.99, τ = 1e-3 (the 1.43 API's value; the legacy one used 1e-9).
 */
public final class ServerOptimizer {
    /** The server update rule. */
    public enum Rule { PLAIN, ADAGRAD, ADAM, YOGI }

    private final Rule rule;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double tau;
    private float[] momentum;
    private float[] variance;

    public ServerOptimizer(Rule rule, double learningRate, double beta1, double beta2, double tau) {
        this.rule = rule;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.tau = tau;
    }

    public static ServerOptimizer plain() {
        return new ServerOptimizer(Rule.PLAIN, 1, 0, 0, 0);
    }

    /** fedavg / fedprox (plain), fedadagrad, fedadam, fedyogi with the given server learning rate (NaN: default). */
    public static ServerOptimizer forStrategy(String strategy, double serverLearningRate) {
        String name = strategy.trim().toLowerCase(Locale.ROOT);
        double rate = Double.isNaN(serverLearningRate) ? (name.startsWith("fedavg") || name.equals("fedprox") ? 1 : 0.1) : serverLearningRate;
        Rule rule = switch (name) {
            case "fedavg", "fedprox" -> Rule.PLAIN;
            case "fedadagrad" -> Rule.ADAGRAD;
            case "fedadam" -> Rule.ADAM;
            case "fedyogi" -> Rule.YOGI;
            default -> throw new LearnException(LearnErrorCode.INVALID_OPTION, "--strategy '" + strategy
                + "' is not a strategy: expected fedavg, fedprox, fedadagrad, fedadam or fedyogi.");
        };
        return new ServerOptimizer(rule, rate, 0.9, 0.99, 1e-3);
    }

    public Rule rule() {
        return rule;
    }

    /** The new global model; updates the optimiser's moments. */
    public float[] apply(float[] global, float[] delta) {
        float[] next = new float[global.length];
        if (rule == Rule.PLAIN) {
            for (int i = 0; i < global.length; i++) {
                next[i] = (float) (global[i] + learningRate * delta[i]);
            }
            return next;
        }
        if (momentum == null) {
            momentum = new float[global.length];
            variance = new float[global.length];
            if (rule != Rule.ADAGRAD) {
                java.util.Arrays.fill(variance, (float) (tau * tau)); // Flower's initial v = τ²
            }
        }
        for (int i = 0; i < global.length; i++) {
            double d = delta[i];
            double m = beta1 * momentum[i] + (1 - beta1) * d;
            double v = variance[i];
            double square = d * d;
            v = switch (rule) {
                case ADAGRAD -> v + square;
                case ADAM -> beta2 * v + (1 - beta2) * square;
                case YOGI -> v - (1 - beta2) * square * Math.signum(v - square);
                case PLAIN -> v;
            };
            momentum[i] = (float) m;
            variance[i] = (float) v;
            next[i] = (float) (global[i] + learningRate * m / (Math.sqrt(v) + tau));
        }
        return next;
    }

    /** The moments, for a checkpoint (null before the first adaptive step). */
    public float[][] state() {
        return momentum == null ? null : new float[][] {momentum.clone(), variance.clone()};
    }

    public void restore(float[][] state) {
        if (state != null) {
            momentum = state[0].clone();
            variance = state[1].clone();
        }
    }
}
