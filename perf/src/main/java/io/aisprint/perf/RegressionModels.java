package io.aisprint.perf;

import io.aisprint.model.PerformanceModel;
import io.aisprint.perf.spi.RegressionPredictor;
import io.aisprint.perf.spi.RegressionPredictorProvider;
import java.util.ServiceLoader;

/** Finds a {@link RegressionPredictor} for a declared regression model among the installed providers. */
public final class RegressionModels {
    private RegressionModels() {
    }

    public static RegressionPredictor predictor(PerformanceModel.Regression declaration) {
        for (RegressionPredictorProvider provider : ServiceLoader.load(RegressionPredictorProvider.class)) {
            var predictor = provider.predictor(declaration);
            if (predictor.isPresent()) {
                return predictor.get();
            }
        }
        throw new PerfException("no predictor is installed for the " + declaration.keyword() + " model '"
                + declaration.regressorFile() + "'; regression models (aMLLibrary pickles) cannot be evaluated offline."
                + "\nMaybe declare QTedge/QTcloud/PACSLTK models with measured demands instead.");
    }
}
