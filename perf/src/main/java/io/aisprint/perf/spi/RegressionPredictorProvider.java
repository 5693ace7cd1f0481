package io.aisprint.perf.spi;

import io.aisprint.model.PerformanceModel;
import java.util.Optional;

/**
 * Loads the predictor a system declares ({@link PerformanceModel.Regression}). Implementations are
 * found with {@link java.util.ServiceLoader}; none ships yet, so systems with regression models are
 * reported as not evaluable offline.
 */
public interface RegressionPredictorProvider {
    Optional<RegressionPredictor> predictor(PerformanceModel.Regression declaration);
}
