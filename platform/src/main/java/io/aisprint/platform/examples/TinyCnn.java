package io.aisprint.platform.examples;

import java.util.Random;

/**
 * A small pure-Java CNN (no DJL: fixed generated weights, so it runs offline and the same on every
 * machine): 3×3 convolution with 4 filters + ReLU + 4×4 max-pool gives 1,024 features (the first
 * partition); a 1,024→32→2 dense classifier with softmax gives "mask / no mask" (the second). An
 * early-exit head (1,024→2 softmax) on the features lets the first partition answer alone when its
 * confidence is high enough.
 */
public final class TinyCnn {
    static final int FILTERS = 4;
    static final int POOL = 4;
    static final int FEATURES = FILTERS * (Frame.SIZE / POOL) * (Frame.SIZE / POOL);
    private static final int HIDDEN = 32;

    private final float[][] kernels = new float[FILTERS][9];
    private final float[][] exitHead = new float[2][FEATURES];
    private final float[][] hidden = new float[HIDDEN][FEATURES];
    private final float[][] output = new float[2][HIDDEN];

    public TinyCnn(long seed) {
        Random random = new Random(seed);
        for (float[] kernel : kernels) {
            fill(kernel, random, 0.5);
        }
        for (float[] row : exitHead) {
            fill(row, random, 0.05);
        }
        for (float[] row : hidden) {
            fill(row, random, 0.05);
        }
        for (float[] row : output) {
            fill(row, random, 0.3);
        }
    }

    private static void fill(float[] values, Random random, double scale) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
    }

    /** Convolution, ReLU and max-pool: the first partition's work. */
    public float[] features(Frame frame) {
        int size = frame.width();
        int pooled = size / POOL;
        float[] result = new float[FEATURES];
        float[] pixels = frame.pixels();
        for (int f = 0; f < FILTERS; f++) {
            float[] kernel = kernels[f];
            for (int y = 1; y < size - 1; y++) {
                for (int x = 1; x < size - 1; x++) {
                    float sum = 0;
                    for (int k = 0; k < 9; k++) {
                        sum += kernel[k] * pixels[(y + k / 3 - 1) * size + x + k % 3 - 1];
                    }
                    int index = f * pooled * pooled + (y / POOL) * pooled + x / POOL;
                    result[index] = Math.max(result[index], Math.max(0, sum));
                }
            }
        }
        return result;
    }

    /** The early-exit head: the confidence (largest softmax probability) of answering from the features alone. */
    public double exitConfidence(float[] features) {
        double[] probabilities = softmax(dense(exitHead, features));
        return Math.max(probabilities[0], probabilities[1]);
    }

    /** The classifier: probability that the frame shows a mask. */
    public double classify(float[] features) {
        double[] hiddenValues = dense(hidden, features);
        float[] activated = new float[hiddenValues.length];
        for (int i = 0; i < activated.length; i++) {
            activated[i] = (float) Math.max(0, hiddenValues[i]);
        }
        return softmax(dense(output, activated))[1];
    }

    private static double[] dense(float[][] weights, float[] input) {
        double[] result = new double[weights.length];
        for (int o = 0; o < weights.length; o++) {
            double sum = 0;
            float[] row = weights[o];
            for (int i = 0; i < input.length; i++) {
                sum += row[i] * input[i];
            }
            result[o] = sum;
        }
        return result;
    }

    private static double[] softmax(double[] logits) {
        double max = Math.max(logits[0], logits[1]);
        double a = Math.exp(logits[0] - max);
        double b = Math.exp(logits[1] - max);
        return new double[] {a / (a + b), b / (a + b)};
    }
}
