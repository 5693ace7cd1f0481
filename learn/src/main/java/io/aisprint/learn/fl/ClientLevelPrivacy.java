package io.aisprint.learn.fl;

import io.aisprint.learn.nn.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * DP-FedAvg (McMahan, Ramage, Talwar, Zhang 2018), fixed clipping at the server: every update
 * is clipped to L2 norm S, the clipped updates are averaged with equal weights over the
 * expected number of sampled clients m, and Gaussian noise of deviation σ·S/m is added to the
 * mean. One round is then one step of the subsampled Gaussian mechanism with q = m/N, so
 * {@link io.aisprint.learn.privacy.RdpAccountant} gives the user-level ε over the rounds.
 */
public record ClientLevelPrivacy(double clipNorm, double noiseMultiplier, int expectedClients) {

    public List<ClientUpdate> clip(List<ClientUpdate> updates) {
        List<ClientUpdate> clipped = new ArrayList<>();
        for (ClientUpdate update : updates) {
            double norm = Vectors.norm(update.delta());
            float scale = (float) Math.min(1.0, clipNorm / Math.max(norm, 1e-12));
            float[] delta = update.delta().clone();
            for (int i = 0; i < delta.length; i++) {
                delta[i] *= scale;
            }
            clipped.add(new ClientUpdate(update.client(), update.round(), delta, 1));
        }
        return clipped;
    }

    /** The noised mean of already clipped updates (fixed denominator m, as the accounting assumes). */
    public float[] noisyMean(List<ClientUpdate> clipped, Random random) {
        int length = clipped.get(0).delta().length;
        double[] sum = new double[length];
        for (ClientUpdate update : clipped) {
            for (int i = 0; i < length; i++) {
                sum[i] += update.delta()[i];
            }
        }
        double deviation = noiseMultiplier * clipNorm;
        float[] mean = new float[length];
        for (int i = 0; i < length; i++) {
            mean[i] = (float) ((sum[i] + random.nextGaussian() * deviation) / expectedClients);
        }
        return mean;
    }
}
