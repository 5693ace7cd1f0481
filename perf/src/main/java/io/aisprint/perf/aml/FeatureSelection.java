package io.aisprint.perf.aml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * {@code [FeatureSelection]}: none (every prepared feature), {@code method = "XGBoost"} (rank by an
 * XGBoost model's gain importance, keep features until their cumulative share reaches
 * XGBoost_tolerance, at most max_features), or {@code method = "SFS"} (mlxtend-style sequential
 * forward selection: add the feature that maximises −MAPE over {@code folds}-fold CV of the
 * technique itself, keep the best subset of size min_features..max_features).
 */
final class FeatureSelection {
    private final String method;
    private final Preparation.Prepared data;
    private final int maxFeatures;
    private final int minFeatures;
    private final int folds;
    private final double tolerance;

    private FeatureSelection(String method, Preparation.Prepared data, int max, int min, int folds, double tolerance) {
        this.method = method;
        this.data = data;
        this.maxFeatures = max;
        this.minFeatures = min;
        this.folds = folds;
        this.tolerance = tolerance;
    }

    static FeatureSelection of(AmlConfig config, Preparation.Prepared data) {
        int p = data.features().size();
        if (!config.has("FeatureSelection", "method")) {
            return new FeatureSelection("none", data, p, 1, 0, 0);
        }
        String method = config.string("FeatureSelection", "method");
        int max = (int) config.number("FeatureSelection", "max_features", p);
        int min = (int) config.number("FeatureSelection", "min_features", 1);
        int folds = (int) config.number("FeatureSelection", "folds", 5);
        if (max < 1 || min < 1 || min > max) {
            throw config.error("FeatureSelection", "max_features", "expected 1 <= min_features <= max_features");
        }
        if (method.equals("XGBoost") && !config.has("FeatureSelection", "XGBoost_tolerance")) {
            throw config.error("FeatureSelection", "XGBoost_tolerance", "the key is missing; method XGBoost needs it");
        }
        return new FeatureSelection(method, data, Math.min(max, p), min,
                folds, config.number("FeatureSelection", "XGBoost_tolerance", 1.0));
    }

    List<Integer> columns(Technique technique, Map<String, Object> hyper, int[] rows) {
        List<Integer> every = new ArrayList<>();
        for (int j = 0; j < data.features().size(); j++) {
            every.add(j);
        }
        return switch (method) {
            case "XGBoost" -> xgboost(rows);
            case "SFS" -> sfs(technique, hyper, rows, every);
            default -> every;
        };
    }

    private List<Integer> xgboost(int[] rows) {
        var fitted = (XgboostLearner.XgbFitted) new XgboostLearner().fit(Splits.rows(data.x(), rows),
                Splits.rows(data.y(), rows), Map.of(), 0);
        try {
            Map<String, Double> gain = fitted.booster().getScore("", "gain");
            double total = gain.values().stream().mapToDouble(Double::doubleValue).sum();
            List<Integer> ranked = new ArrayList<>();
            for (String f : gain.keySet()) {
                ranked.add(Integer.parseInt(f.substring(1)));
            }
            ranked.sort(Comparator.comparingDouble((Integer j) -> -gain.get("f" + j)));
            List<Integer> out = new ArrayList<>();
            double cumulative = 0;
            for (int j : ranked) {
                if (out.size() >= maxFeatures || (cumulative >= tolerance * total && !out.isEmpty())) {
                    break;
                }
                out.add(j);
                cumulative += gain.get("f" + j);
            }
            if (out.isEmpty()) {
                out.add(0);
            }
            out.sort(Integer::compare);
            return out;
        } catch (XGBoostError e) {
            throw new AmlException("XGBoost feature selection failed: " + e.getMessage());
        }
    }

    private List<Integer> sfs(Technique technique, Map<String, Object> hyper, int[] rows, List<Integer> every) {
        List<Integer> chosen = new ArrayList<>();
        List<Integer> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        while (chosen.size() < maxFeatures) {
            int pick = -1;
            double pickScore = Double.NEGATIVE_INFINITY;
            for (int j : every) {
                if (chosen.contains(j)) {
                    continue;
                }
                List<Integer> trial = new ArrayList<>(chosen);
                trial.add(j);
                double s = -cvMape(technique, hyper, rows, trial);
                if (s > pickScore) {
                    pickScore = s;
                    pick = j;
                }
            }
            if (pick < 0) {
                break;
            }
            chosen.add(pick);
            if (chosen.size() >= minFeatures && pickScore > bestScore) {
                bestScore = pickScore;
                best = new ArrayList<>(chosen);
            }
        }
        List<Integer> out = best == null ? chosen : best;
        out.sort(Integer::compare);
        return out;
    }

    private double cvMape(Technique technique, Map<String, Object> hyper, int[] rows, List<Integer> cols) {
        int k = Math.max(2, Math.min(folds, rows.length));
        double sum = 0;
        for (int f = 0; f < k; f++) {
            Splits.Split fold = Splits.contiguous(rows, k, f);
            int[] train = fold.train();
            int[] test = fold.test();
            var m = technique.learner().fit(Campaign.project(Splits.rows(data.x(), train), cols),
                    Splits.rows(data.y(), train), hyper, 0);
            sum += Metrics.mape(Splits.rows(data.y(), test), m.predict(Campaign.project(Splits.rows(data.x(), test), cols)));
        }
        return sum / k;
    }
}
