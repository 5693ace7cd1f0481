package io.aisprint.model;

import java.util.Map;

/**
 * How the response time of one partition on one resource is predicted. The keyword is the
 * SPACE4AI-D {@code model} value, kept for round trips.
 */
public sealed interface PerformanceModel
        permits PerformanceModel.QueueDemand, PerformanceModel.FaasDemand, PerformanceModel.Regression {

    String keyword();

    /** M/G/1 queue with mean service demand {@code demand} seconds ({@code QTedge}, {@code QTcloud}). */
    record QueueDemand(String keyword, double demand) implements PerformanceModel {
    }

    /** FaaS warm/cold model ({@code PACSLTK}, {@code PACSLTKSTATIC}), demands in seconds. */
    record FaasDemand(String keyword, double demandWarm, double demandCold) implements PerformanceModel {
    }

    /**
     * A trained regression model ({@code CoreBasedPredictor}/{@code AMLCORE},
     * {@code LambdaBasedPredictor}/{@code AMLTHROUGHPUT}, {@code MLLIBfaas}/{@code AMLFAAS}, ...).
     *
     * @param regressorFile the model file named by the declaration
     * @param parameters    every other declared parameter (e.g. {@code meanTime}, {@code demandWarm})
     */
    record Regression(String keyword, String regressorFile, Map<String, Object> parameters)
            implements PerformanceModel {
        public Regression {
            parameters = Map.copyOf(parameters);
        }
    }
}
