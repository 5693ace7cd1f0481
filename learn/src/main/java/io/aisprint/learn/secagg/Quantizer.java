package io.aisprint.learn.secagg;

/**
 * Floats to the integers modulo 2^32 that secure aggregation sums, and back: values clipped to
 * [−range, range] and scaled so that the sum of {@code clients} of them cannot wrap around
 * (the fixed-point step is range·clients/2^30).
 */
public record Quantizer(double range, int clients) {

    private double scale() {
        return (1 << 30) / (range * clients);
    }

    public int[] encode(float[] values) {
        int[] words = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double clipped = Math.max(-range, Math.min(range, values[i]));
            words[i] = (int) Math.round(clipped * scale());
        }
        return words;
    }

    public float[] decode(int[] sum) {
        float[] values = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            values[i] = (float) (sum[i] / scale());
        }
        return values;
    }
}
