package io.aisprint.perf;

import io.aisprint.model.PerformanceModel;
import io.aisprint.perf.spi.RegressionPredictor;
import io.aisprint.perf.spi.RegressionPredictorProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a {@link RegressionPredictor} for a declared regression model among the installed
 * providers; a model file is loaded once per process however many entries name it.
 */
public final class RegressionModels {
    private static final Map<String, RegressionPredictor> LOADED = new ConcurrentHashMap<>();

    private RegressionModels() {
    }

    public static RegressionPredictor predictor(PerformanceModel.Regression declaration) {
        RegressionPredictor cached = LOADED.get(declaration.regressorFile());
        if (cached != null) {
            return cached;
        }
        for (RegressionPredictorProvider provider : ServiceLoader.load(RegressionPredictorProvider.class)) {
            var predictor = provider.predictor(declaration);
            if (predictor.isPresent()) {
                LOADED.put(declaration.regressorFile(), predictor.get());
                return predictor.get();
            }
        }
        throw new PerfException("no trained model found for the " + declaration.keyword() + " entry '"
                + declaration.regressorFile() + "'; train one with 'aisprint perf train CONFIG.ini -o DIR' and put"
                + " DIR/best.json at that path (a .pickle name is looked up as .json beside it), or list the folders"
                + " holding the trained models in AISPRINT_PERF_MODELS (or -Daisprint.perf.models).");
    }

    /** Forgets loaded models (tests that retrain under the same name). */
    public static void clear() {
        LOADED.clear();
    }
}
