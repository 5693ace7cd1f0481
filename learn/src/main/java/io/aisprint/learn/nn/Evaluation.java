package io.aisprint.learn.nn;

/** Accuracy (share of correct top-1 predictions) and mean cross-entropy loss on a data set. */
public record Evaluation(double accuracy, double loss, int examples) {
}
