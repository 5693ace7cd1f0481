package io.aisprint.perf.aml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Row splits of the campaign: validation (All, HoldOut, KFold, Extrapolation, Interpolation), and
 * hp_selection nested inside each validation training part (All, HoldOut, KFold). Random splits
 * draw from one generator seeded by {@code [General] seed} (ours, not Python's Mersenne Twister:
 * the same seed gives other rows than aMLLibrary).
 */
final class Splits {
    /** Rows to train on and rows to evaluate on. */
    record Split(int[] train, int[] test) {
    }

    private Splits() {
    }

    static List<Split> of(String scheme, int[] rows, double holdOut, int folds, boolean[] fixed, Random random,
            AmlConfig config, String key) {
        List<Split> out = new ArrayList<>();
        switch (scheme) {
            case "All" -> out.add(new Split(rows, rows));
            case "HoldOut" -> {
                int[] shuffled = shuffle(rows, random);
                int size = (int) (rows.length * holdOut);
                if (size < 1 || size >= rows.length) {
                    throw config.error("General", "hold_out_ratio", "a ratio of " + holdOut + " of " + rows.length
                            + " rows leaves an empty part; expected a ratio in (0, 1) that keeps rows on both sides");
                }
                out.add(new Split(slice(shuffled, size, shuffled.length), slice(shuffled, 0, size)));
            }
            case "KFold" -> {
                if (folds < 2 || folds > rows.length) {
                    throw config.error("General", "folds", folds + " folds of " + rows.length
                            + " rows; expected between 2 and the number of rows");
                }
                int[] shuffled = shuffle(rows, random);
                for (int f = 0; f < folds; f++) {
                    int from = (int) ((long) shuffled.length * f / folds);
                    int to = (int) ((long) shuffled.length * (f + 1) / folds);
                    int[] test = slice(shuffled, from, to);
                    int[] train = new int[shuffled.length - test.length];
                    System.arraycopy(shuffled, 0, train, 0, from);
                    System.arraycopy(shuffled, to, train, from, shuffled.length - to);
                    out.add(new Split(train, test));
                }
            }
            case "Extrapolation", "Interpolation" -> {
                List<Integer> train = new ArrayList<>();
                List<Integer> test = new ArrayList<>();
                for (int r : rows) {
                    (fixed[r] ? test : train).add(r);
                }
                if (train.isEmpty() || test.isEmpty()) {
                    throw config.error("General", scheme.equals("Extrapolation") ? "extrapolation_columns"
                            : "interpolation_columns", "puts " + test.size() + " of " + rows.length
                            + " rows in validation; expected rows on both sides");
                }
                out.add(new Split(train.stream().mapToInt(Integer::intValue).toArray(),
                        test.stream().mapToInt(Integer::intValue).toArray()));
            }
            default -> throw config.error("General", key, "unknown scheme '" + scheme + "'");
        }
        return out;
    }

    /** Fold f of k contiguous folds over {@code rows} (sklearn's KFold without shuffling). */
    static Split contiguous(int[] rows, int k, int f) {
        int from = rows.length * f / k;
        int to = rows.length * (f + 1) / k;
        int[] train = new int[rows.length - (to - from)];
        int[] test = new int[to - from];
        for (int i = 0, a = 0, b = 0; i < rows.length; i++) {
            if (i >= from && i < to) {
                test[b++] = rows[i];
            } else {
                train[a++] = rows[i];
            }
        }
        return new Split(train, test);
    }

    static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static int[] shuffle(int[] rows, Random random) {
        int[] out = rows.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    private static int[] slice(int[] a, int from, int to) {
        int[] out = new int[to - from];
        System.arraycopy(a, from, out, 0, out.length);
        return out;
    }

    static double[][] rows(double[][] x, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    static double[] rows(double[] y, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }
}
