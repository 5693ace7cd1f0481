package io.aisprint.learn.data;

import java.util.Arrays;

/**
 * Labelled grey images: image i is {@code pixels[i*rows*columns ..]} (unsigned bytes, as in the
 * IDX file, a quarter of the memory of floats: five client processes each hold the whole
 * training set while they cut out their part), its label {@code labels[i]} in 0..classes-1.
 * {@link #features} gives the network's input: pixel/255 standardised with {@code mean} and
 * {@code deviation}. Immutable by convention (arrays are not copied).
 */
public record ImageSet(int rows, int columns, int classes, byte[] pixels, int[] labels, float mean, float deviation) {

    public int size() {
        return labels.length;
    }

    public int features() {
        return rows * columns;
    }

    /** The network inputs of the images at {@code indices}, one row of {@link #features()} each. */
    public float[] features(int[] indices) {
        int features = features();
        float[] values = new float[indices.length * features];
        for (int i = 0; i < indices.length; i++) {
            int from = indices[i] * features;
            for (int j = 0; j < features; j++) {
                values[i * features + j] = ((pixels[from + j] & 0xff) / 255f - mean) / deviation;
            }
        }
        return values;
    }

    /** The images at the given indices, in that order. */
    public ImageSet subset(int[] indices) {
        int features = features();
        byte[] chosenPixels = new byte[indices.length * features];
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * features, chosenPixels, i * features, features);
            chosenLabels[i] = labels[indices[i]];
        }
        return new ImageSet(rows, columns, classes, chosenPixels, chosenLabels, mean, deviation);
    }

    /** The first {@code count} images (all when count is larger). */
    public ImageSet head(int count) {
        int[] indices = new int[Math.min(count, size())];
        Arrays.setAll(indices, i -> i);
        return subset(indices);
    }
}
