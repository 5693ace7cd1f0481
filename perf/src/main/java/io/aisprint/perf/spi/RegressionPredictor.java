package io.aisprint.perf.spi;

import java.util.Map;

/**
 * A trained regression model (aMLLibrary-style) that predicts a partition's response time from
 * features of the placement. The designer passes every input it knows by name and the model
 * reads the columns it was trained on:
 * <ul>
 *   <li>{@code cores} — total cores serving the partition (instances × cores per instance);
 *       {@code instances}, {@code n_cores} — its two factors (all 1 on a FaaS configuration);</li>
 *   <li>{@code lambda}, {@code Lambda}, {@code observed_throughput}, {@code arrival_rate} — requests
 *       per second reaching the partition;</li>
 *   <li>FaaS only: {@code warm_service_time}, {@code cold_service_time} (the entry's demandWarm,
 *       demandCold) and {@code expiration_time} (the configuration's idle time before kill).</li>
 * </ul>
 */
public interface RegressionPredictor {
    /** Predicted mean response time in seconds from named inputs. */
    double predict(Map<String, Double> inputs);

    /**
     * @param cores     total cores serving the partition (instances × cores per instance)
     * @param arrivalRate requests per second reaching the partition
     * @return predicted mean response time in seconds
     */
    default double predict(int cores, double arrivalRate) {
        return predict(Map.of("cores", (double) cores, "lambda", arrivalRate, "Lambda", arrivalRate,
                "observed_throughput", arrivalRate, "arrival_rate", arrivalRate));
    }
}
