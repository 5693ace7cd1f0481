package io.aisprint.learn.data;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How a training set is split among federated clients, seeded so that every process (and the
 * PyTorch reference in bench/learn) computes the same split from the same seed.
 *
 * <ul>
 *   <li>{@code iid}: a seeded shuffle cut into equal parts.</li>
 *   <li>{@code dirichlet:α}: for every class, the share of each client is drawn from Dir(α) and
 *       that class's images are cut in those shares (Hsu et al. 2019; small α, skewed labels).</li>
 *   <li>{@code shards:k}: images sorted by label, cut into clients·k shards, k random shards per
 *       client (McMahan et al. 2017's pathological non-IID split).</li>
 * </ul>
 */
public sealed interface Partitioning {

    /** Image indices of each client, {@code clients} lists. */
    List<int[]> split(int[] labels, int classes, int clients, long seed);

    record Iid() implements Partitioning {
        @Override
        public List<int[]> split(int[] labels, int classes, int clients, long seed) {
            int[] order = shuffled(labels.length, new Random(seed));
            List<int[]> parts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                parts.add(Arrays.copyOfRange(order, (int) ((long) c * order.length / clients), (int) ((long) (c + 1) * order.length / clients)));
            }
            return parts;
        }
    }

    record Dirichlet(double alpha) implements Partitioning {
        @Override
        public List<int[]> split(int[] labels, int classes, int clients, long seed) {
            Random random = new Random(seed);
            List<List<Integer>> parts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                parts.add(new ArrayList<>());
            }
            for (int k = 0; k < classes; k++) {
                int[] ofClass = indicesOf(labels, k, random);
                double[] shares = new double[clients];
                double total = 0;
                for (int c = 0; c < clients; c++) {
                    shares[c] = Gamma.sample(alpha, random);
                    total += shares[c];
                }
                double cumulative = 0;
                int start = 0;
                for (int c = 0; c < clients; c++) {
                    cumulative += shares[c] / total;
                    int end = c == clients - 1 ? ofClass.length : (int) Math.round(cumulative * ofClass.length);
                    for (int i = start; i < end; i++) {
                        parts.get(c).add(ofClass[i]);
                    }
                    start = Math.max(start, end);
                }
            }
            List<int[]> result = new ArrayList<>();
            for (List<Integer> part : parts) {
                int[] indices = part.stream().mapToInt(Integer::intValue).toArray();
                shuffleInPlace(indices, random);
                result.add(indices);
            }
            return result;
        }
    }

    record Shards(int perClient) implements Partitioning {
        @Override
        public List<int[]> split(int[] labels, int classes, int clients, long seed) {
            Random random = new Random(seed);
            int[] byLabel = new int[labels.length];
            int position = 0;
            for (int k = 0; k < classes; k++) {
                for (int i : indicesOf(labels, k, random)) {
                    byLabel[position++] = i;
                }
            }
            int shardCount = clients * perClient;
            int[] shardOrder = shuffled(shardCount, random);
            List<int[]> result = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<Integer> part = new ArrayList<>();
                for (int s = 0; s < perClient; s++) {
                    int shard = shardOrder[c * perClient + s];
                    for (int i = (int) ((long) shard * labels.length / shardCount); i < (int) ((long) (shard + 1) * labels.length / shardCount); i++) {
                        part.add(byLabel[i]);
                    }
                }
                result.add(part.stream().mapToInt(Integer::intValue).toArray());
            }
            return result;
        }
    }

    /** Parses {@code iid}, {@code dirichlet:0.5} or {@code shards:2}. */
    static Partitioning parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.equals("iid")) {
                return new Iid();
            }
            if (value.startsWith("dirichlet:")) {
                double alpha = Double.parseDouble(value.substring("dirichlet:".length()));
                if (alpha > 0 && Double.isFinite(alpha)) {
                    return new Dirichlet(alpha);
                }
            }
            if (value.startsWith("shards:")) {
                int perClient = Integer.parseInt(value.substring("shards:".length()));
                if (perClient > 0) {
                    return new Shards(perClient);
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted forms
        }
        throw new LearnException(LearnErrorCode.INVALID_OPTION, "--partition '" + text
            + "' is not a partitioning: expected iid, dirichlet:ALPHA (ALPHA > 0) or shards:K (K >= 1).");
    }

    /** The text {@link #parse} reads back. */
    static String describe(Partitioning partitioning) {
        if (partitioning instanceof Dirichlet dirichlet) {
            return "dirichlet:" + dirichlet.alpha();
        }
        if (partitioning instanceof Shards shards) {
            return "shards:" + shards.perClient();
        }
        return "iid";
    }

    private static int[] indicesOf(int[] labels, int label, Random random) {
        int[] indices = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
        shuffleInPlace(indices, random);
        return indices;
    }

    private static int[] shuffled(int count, Random random) {
        int[] order = new int[count];
        Arrays.setAll(order, i -> i);
        shuffleInPlace(order, random);
        return order;
    }

    private static void shuffleInPlace(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
