package io.aisprint.learn.fl;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.nn.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How the server combines the clients' model changes of one round into one change. The robust
 * rules (Flower's FedMedian, FedTrimmedAvg, Krum, MultiKrum) bound what a share of poisoned
 * clients can do; the weighted mean is FedAvg's.
 */
public sealed interface Aggregation {

    float[] combine(List<ClientUpdate> updates);

    /** FedAvg: the mean weighted by example counts (McMahan et al. 2017). */
    record WeightedMean() implements Aggregation {
        @Override
        public float[] combine(List<ClientUpdate> updates) {
            int length = updates.get(0).delta().length;
            double[] sum = new double[length];
            double weight = 0;
            for (ClientUpdate update : updates) {
                for (int i = 0; i < length; i++) {
                    sum[i] += (double) update.delta()[i] * update.examples();
                }
                weight += update.examples();
            }
            float[] mean = new float[length];
            for (int i = 0; i < length; i++) {
                mean[i] = (float) (sum[i] / weight);
            }
            return mean;
        }
    }

    /** The median of every coordinate (Yin et al. 2018). */
    record CoordinateMedian() implements Aggregation {
        @Override
        public float[] combine(List<ClientUpdate> updates) {
            return new TrimmedMean(-1).combine(updates);
        }
    }

    /**
     * Per coordinate, drop the {@code beta} share of largest and of smallest values and average
     * the rest (Yin et al. 2018). A negative beta means the median.
     */
    record TrimmedMean(double beta) implements Aggregation {
        @Override
        public float[] combine(List<ClientUpdate> updates) {
            int n = updates.size();
            int length = updates.get(0).delta().length;
            float[] column = new float[n];
            float[] result = new float[length];
            int cut = beta < 0 ? -1 : (int) Math.floor(beta * n);
            if (cut >= 0 && 2 * cut >= n) {
                cut = (n - 1) / 2;
            }
            for (int i = 0; i < length; i++) {
                for (int c = 0; c < n; c++) {
                    column[c] = updates.get(c).delta()[i];
                }
                Arrays.sort(column);
                if (cut < 0) {
                    result[i] = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2;
                } else {
                    double sum = 0;
                    for (int c = cut; c < n - cut; c++) {
                        sum += column[c];
                    }
                    result[i] = (float) (sum / (n - 2 * cut));
                }
            }
            return result;
        }
    }

    /**
     * Krum (Blanchard et al. 2017) with {@code byzantine} assumed attackers: each update is scored
     * by the summed squared distances to its n − f − 2 nearest others; the {@code selected} best
     * are averaged (1: Krum, more: Multi-Krum).
     */
    record Krum(int byzantine, int selected) implements Aggregation {
        @Override
        public float[] combine(List<ClientUpdate> updates) {
            int n = updates.size();
            int neighbours = Math.max(1, n - byzantine - 2);
            double[][] distance = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    distance[a][b] = distance[b][a] = Vectors.squaredDistance(updates.get(a).delta(), updates.get(b).delta());
                }
            }
            List<Integer> order = new ArrayList<>();
            double[] score = new double[n];
            for (int a = 0; a < n; a++) {
                double[] others = new double[n - 1];
                int k = 0;
                for (int b = 0; b < n; b++) {
                    if (b != a) {
                        others[k++] = distance[a][b];
                    }
                }
                Arrays.sort(others);
                for (int j = 0; j < Math.min(neighbours, others.length); j++) {
                    score[a] += others[j];
                }
                order.add(a);
            }
            order.sort(Comparator.comparingDouble(a -> score[a]));
            List<ClientUpdate> chosen = new ArrayList<>();
            for (int j = 0; j < Math.min(Math.max(1, selected), n); j++) {
                ClientUpdate update = updates.get(order.get(j));
                chosen.add(new ClientUpdate(update.client(), update.round(), update.delta(), 1));
            }
            return new WeightedMean().combine(chosen);
        }
    }

    /** Parses fedavg (or mean), median, trimmed-mean:BETA, krum:F, multi-krum:F:M. */
    static Aggregation parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (parts[0]) {
                case "fedavg", "mean":
                    return new WeightedMean();
                case "median":
                    return new CoordinateMedian();
                case "trimmed-mean":
                    double beta = parts.length > 1 ? Double.parseDouble(parts[1]) : 0.2;
                    if (beta >= 0 && beta < 0.5) {
                        return new TrimmedMean(beta);
                    }
                    break;
                case "krum":
                    return new Krum(parts.length > 1 ? Integer.parseInt(parts[1]) : 1, 1);
                case "multi-krum":
                    return new Krum(parts.length > 1 ? Integer.parseInt(parts[1]) : 1, parts.length > 2 ? Integer.parseInt(parts[2]) : 3);
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LearnException(LearnErrorCode.INVALID_OPTION, "--aggregation '" + text
            + "' is not an aggregation rule: expected fedavg, median, trimmed-mean:BETA (0 <= BETA < 0.5), krum:F or multi-krum:F:M.");
    }
}
