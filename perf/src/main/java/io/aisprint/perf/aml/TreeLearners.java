package io.aisprint.perf.aml;

import java.util.Map;
import org.tribuo.Trainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.ensemble.BaggingTrainer;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanAbsoluteError;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.rtree.impurity.RegressorImpurity;

/**
 * sklearn's DecisionTreeRegressor and RandomForestRegressor mapped onto Tribuo's CART: max_depth →
 * maxDepth; min_samples_leaf (count, or fraction of rows) → minChildWeight; max_features ('auto' =
 * all features for regression, 'sqrt', 'log2', a fraction or a count) → fractionFeaturesInSplit;
 * criterion squared_error/mse/friedman_mse → MSE, absolute_error/mae → MAE. Tribuo has no
 * min_samples_split, so a split also needs at least that many rows through minChildWeight's
 * half (documented in docs/perf.md). A forest with all features per split is bagging.
 */
final class TreeLearners {
    private TreeLearners() {
    }

    static CARTRegressionTrainer cart(double[][] x, Map<String, Object> hyper, long seed) {
        int n = x.length;
        int p = x[0].length;
        int depth = hyper.get("max_depth") == null ? Integer.MAX_VALUE : Hyper.integer(hyper, "max_depth", 3);
        double leaf = count(hyper.get("min_samples_leaf"), n, 1);
        double split = count(hyper.get("min_samples_split"), n, 2);
        float minChild = (float) Math.max(leaf, split / 2.0);
        float fraction = (float) featureFraction(hyper.get("max_features"), p);
        RegressorImpurity impurity = switch (Hyper.text(hyper, "criterion", "squared_error")) {
            case "absolute_error", "mae" -> new MeanAbsoluteError();
            case "squared_error", "mse", "friedman_mse", "poisson" -> new MeanSquaredError();
            default -> throw new AmlException("criterion '" + hyper.get("criterion")
                    + "' is not supported; expected squared_error, mse, friedman_mse, absolute_error or mae");
        };
        return new CARTRegressionTrainer(depth, minChild, 0.0f, fraction, false, impurity, seed);
    }

    /** sklearn's int-or-fraction convention: a float below 1 is a fraction of the rows. */
    private static double count(Object value, int n, int fallback) {
        if (value == null) {
            return fallback;
        }
        double v = ((Number) value).doubleValue();
        return value instanceof Double && v <= 1.0 ? Math.max(1, Math.ceil(v * n)) : v;
    }

    static double featureFraction(Object value, int p) {
        if (value == null || "auto".equals(value) || "None".equals(value)) {
            return 1.0;
        }
        if ("sqrt".equals(value)) {
            return Math.max(1, (int) Math.sqrt(p)) / (double) p;
        }
        if ("log2".equals(value)) {
            return Math.max(1, (int) (Math.log(p) / Math.log(2))) / (double) p;
        }
        if (value instanceof Double d) {
            return Math.max(1, (int) (d * p)) / (double) p;
        }
        if (value instanceof Long l) {
            return Math.min(p, l) / (double) p;
        }
        throw new AmlException("max_features '" + value + "' is not supported; expected auto, sqrt, log2, a fraction or a count");
    }

    static final class DecisionTree extends TribuoLearner {
        @Override
        Trainer<Regressor> trainer(double[][] x, Map<String, Object> hyper, long seed) {
            return cart(x, hyper, seed);
        }
    }

    static final class RandomForest extends TribuoLearner {
        @Override
        Trainer<Regressor> trainer(double[][] x, Map<String, Object> hyper, long seed) {
            CARTRegressionTrainer tree = cart(x, hyper, seed);
            int trees = Hyper.integer(hyper, "n_estimators", 100);
            if (featureFraction(hyper.get("max_features"), x[0].length) < 1.0) {
                return new RandomForestTrainer<>(tree, new AveragingCombiner(), trees, seed);
            }
            return new BaggingTrainer<>(tree, new AveragingCombiner(), trees, seed);
        }
    }
}
