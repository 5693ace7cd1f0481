package io.aisprint.perf.aml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One technique fitted straight on numbers, without a campaign file: for tools inside aisprint
 * that learn a performance model as they go (the NAS time and accuracy predictors are refitted
 * after every profile). Same learners as a campaign, each with aMLLibrary's default
 * hyper-parameters unless {@code hyper} overrides them.
 */
public final class Regression {
    /** A fitted model; rows have the columns it was fitted on, in that order. */
    public interface Model {
        double predict(double[] row);

        /** aMLLibrary's one-line description (coefficients for the linear techniques). */
        String describe(List<String> features);
    }

    private Regression() {
    }

    /** The technique names a campaign accepts (LRRidge, NNLS, XGBoost, ...). */
    public static List<String> techniques() {
        return Technique.names();
    }

    /** Fits {@code technique}; throws IllegalArgumentException for a name not in {@link #techniques()}. */
    public static Model fit(String technique, double[][] x, double[] y, Map<String, Object> hyper, long seed) {
        Optional<Technique> chosen = Technique.byName(technique);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("unknown technique '" + technique + "': expected one of " + techniques());
        }
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many rows as targets and at least one, got " + x.length + " and " + y.length);
        }
        Map<String, Object> settings = new java.util.HashMap<>(chosen.get().defaults());
        settings.putAll(hyper);
        Learner.Fitted fitted = chosen.get().learner().fit(x, y, settings, seed);
        return new Model() {
            @Override
            public double predict(double[] row) {
                return fitted.predict(new double[][] {row})[0];
            }

            @Override
            public String describe(List<String> features) {
                return fitted.describe(features);
            }
        };
    }
}
