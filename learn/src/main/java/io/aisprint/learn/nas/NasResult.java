package io.aisprint.learn.nas;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a search found. {@code front} holds the finalists that stayed Pareto optimal after their
 * full training (accuracy on the test set, latencies per target); {@code candidates} every
 * architecture the search profiled, with what was predicted and measured for it.
 */
public record NasResult(NasSettings settings, List<Member> front, List<Candidate> candidates, Statistics statistics) {

    /** A trained front member. Latencies per target name, seconds. */
    public record Member(String cell, double accuracy, double validationAccuracy, double proxyAccuracy,
            Map<String, Double> predictedLatency, Map<String, Double> measuredLatency, double memoryMb, long parameters,
            double epochs, Path model) {

        /** The binding (largest) latency over the targets. */
        public double worstMeasured() {
            return measuredLatency.values().stream().mapToDouble(d -> d).max().orElse(Double.NaN);
        }

        public double worstPredicted() {
            return predictedLatency.values().stream().mapToDouble(d -> d).max().orElse(Double.NaN);
        }
    }

    /**
     * One profiled architecture. Latencies are this machine's (divide by a target's speed);
     * {@code predictedLocal} is NaN when it was profiled before the time predictor existed;
     * {@code proxyAccuracy} NaN when it was not trained.
     */
    public record Candidate(String cell, int blocks, double predictedLocal, double measuredLocal, double predictedAccuracy,
            double proxyAccuracy, double memoryMb, long parameters, boolean feasible) {
    }

    /**
     * Counts: children the predictors discarded as infeasible, how many of those an audit measured
     * and how many of these really were infeasible (the predictor's precision), children predicted
     * feasible that measured infeasible; the time predictor's mean absolute percentage error on
     * children it had not seen; the hypervolume of the final front (accuracy × seconds below the
     * limit on the slowest target); seconds spent.
     */
    public record Statistics(String strategy, int profiled, int trained, int discardedByPrediction, int audited,
            int auditedInfeasible, int predictedFeasibleMeasuredInfeasible, double timePredictorMape, double hypervolume,
            double searchSeconds, double totalSeconds, String timeModel) {

        public double predictorPrecision() {
            return audited == 0 ? Double.NaN : (double) auditedInfeasible / audited;
        }
    }

    /** The most accurate front member. */
    public Member best() {
        return front.stream().max(java.util.Comparator.comparingDouble(Member::accuracy)).orElseThrow();
    }
}
