package io.aisprint.learn.secagg;

/** How far words are from uniform: the secure-aggregation tests' measure of what a masked vector gives away. */
public final class Uniformity {
    private Uniformity() {
    }

    /** Pearson's χ² of the top bytes' histogram against uniform (255 degrees of freedom: p ≈ 0.001 at 330, p < 1e-7 above 400). */
    public static double chiSquareOfTopBytes(int[] words) {
        int[] counts = new int[256];
        for (int word : words) {
            counts[word >>> 24]++;
        }
        double expected = words.length / 256.0;
        double chi = 0;
        for (int count : counts) {
            chi += (count - expected) * (count - expected) / expected;
        }
        return chi;
    }
}
