package io.aisprint.perf.spi;

/**
 * A trained regression model (aMLLibrary-style) that predicts a partition's response time from
 * features of the placement. Filled in by a later issue; the designer asks for one only when a
 * system declares a regression model.
 */
public interface RegressionPredictor {
    /**
     * @param cores     total cores serving the partition (instances × cores per instance)
     * @param arrivalRate requests per second reaching the partition
     * @return predicted mean response time in seconds
     */
    double predict(int cores, double arrivalRate);
}
