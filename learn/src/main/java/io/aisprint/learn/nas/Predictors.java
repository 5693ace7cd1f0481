package io.aisprint.learn.nas;

import io.aisprint.perf.aml.Regression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The search's two predictors, refitted whenever data arrive (the NAS ↔ performance-model loop):
 * the time predictor is an aMLLibrary NNLS (non-negative cost per unit of each kind of work: a
 * latency is a sum of costs) on {@link Architecture#costFeatures()} of every profiled candidate;
 * the accuracy predictor an aMLLibrary Ridge on the cell's make-up, fitted on every trained one.
 */
final class Predictors {
    private final List<double[]> costRows = new ArrayList<>();
    private final List<Double> latencies = new ArrayList<>();
    private final List<double[]> cellRows = new ArrayList<>();
    private final List<Double> accuracies = new ArrayList<>();
    private Regression.Model time;
    private Regression.Model accuracy;
    private final long seed;

    Predictors(long seed) {
        this.seed = seed;
    }

    static final List<String> CELL_FEATURES;

    static {
        List<String> names = new ArrayList<>(List.of("blocks", "depth", "block_inputs"));
        for (Operator operator : Operator.values()) {
            names.add(operator.label());
        }
        CELL_FEATURES = List.copyOf(names);
    }

    static double[] cellFeatures(Cell cell) {
        double[] row = new double[3 + Operator.values().length];
        row[0] = cell.size();
        row[1] = cell.depth();
        for (Cell.Step step : cell.blocks()) {
            row[2] += (step.input1() >= 0 ? 1 : 0) + (step.input2() >= 0 ? 1 : 0);
        }
        for (Operator operator : Operator.values()) {
            row[3 + operator.ordinal()] = cell.count(operator);
        }
        return row;
    }

    void addProfile(Architecture architecture, double localSeconds) {
        costRows.add(architecture.costFeatures());
        latencies.add(localSeconds * 1e3); // in ms: NNLS's L1 weight (0.001) would swamp coefficients fitted on seconds
        time = costRows.size() < 3 ? null
            : Regression.fit("NNLS", costRows.toArray(double[][]::new), latencies.stream().mapToDouble(d -> d).toArray(), Map.of(), seed);
    }

    void addTraining(Cell cell, double validationAccuracy) {
        cellRows.add(cellFeatures(cell));
        accuracies.add(validationAccuracy);
        accuracy = cellRows.size() < 3 ? null
            : Regression.fit("LRRidge", cellRows.toArray(double[][]::new), accuracies.stream().mapToDouble(d -> d).toArray(), Map.of("alpha", 1.0), seed);
    }

    boolean ready() {
        return time != null && accuracy != null;
    }

    boolean timeReady() {
        return time != null;
    }

    /** Predicted batch-1 seconds on this machine. */
    double latency(Architecture architecture) {
        return Math.max(0, time.predict(architecture.costFeatures())) / 1e3;
    }

    /** The predicted accuracy; {@code fallback} (the parent's) until three trainings have fitted the predictor. */
    double accuracy(Cell cell, double fallback) {
        return accuracy == null ? fallback : accuracy.predict(cellFeatures(cell));
    }

    /** The time model, in milliseconds per image. */
    String describeTime() {
        return time == null ? "not fitted" : "ms = " + time.describe(Architecture.FEATURES);
    }
}
