package io.aisprint.perf.aml;

import java.util.Map;

/** Placeholder until the DJL network lands: says so instead of training something else. */
final class NeuralNetworkLearner implements Learner {
    @Override
    public Fitted fit(double[][] x, double[] y, Map<String, Object> hyper, long seed) {
        throw new AmlException("technique NeuralNetwork is not available in this build");
    }

    static Fitted load(com.fasterxml.jackson.databind.node.ObjectNode node) {
        throw new AmlException("technique NeuralNetwork is not available in this build");
    }
}
