package io.aisprint.learn.data;

import java.util.Arrays;

/**
 * Labelled images as flat, normalised floats: image i is {@code pixels[i*rows*cols ..]}, its
 * label {@code labels[i]} in 0..classes-1. Immutable by convention (arrays are not copied).
 */
public record ImageSet(int rows, int columns, int classes, float[] pixels, int[] labels) {

    public int size() {
        return labels.length;
    }

    public int features() {
        return rows * columns;
    }

    /** The images at the given indices, in that order. */
    public ImageSet subset(int[] indices) {
        int features = features();
        float[] chosenPixels = new float[indices.length * features];
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * features, chosenPixels, i * features, features);
            chosenLabels[i] = labels[indices[i]];
        }
        return new ImageSet(rows, columns, classes, chosenPixels, chosenLabels);
    }

    /** The first {@code count} images (all when count is larger). */
    public ImageSet head(int count) {
        int[] indices = new int[Math.min(count, size())];
        Arrays.setAll(indices, i -> i);
        return subset(indices);
    }
}
