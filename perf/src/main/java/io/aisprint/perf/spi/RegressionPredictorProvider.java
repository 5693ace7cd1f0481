package io.aisprint.perf.spi;

import io.aisprint.model.PerformanceModel;
import java.util.Optional;

/**
 * Loads the predictor a system declares ({@link PerformanceModel.Regression}). Implementations are
 * found with {@link java.util.ServiceLoader}; the default one ({@code io.aisprint.perf.aml.AmlPredictorProvider})
 * serves models trained by {@code aisprint perf train}.
 */
public interface RegressionPredictorProvider {
    Optional<RegressionPredictor> predictor(PerformanceModel.Regression declaration);
}
