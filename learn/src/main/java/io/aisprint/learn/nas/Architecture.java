package io.aisprint.learn.nas;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * A whole network for 28×28 grey images built from one searched {@link Cell} (POPNAS's
 * macro-architecture, cut to two motifs so a candidate trains in seconds on a CPU):
 * stem conv 3×3 (F) → max-pool 2 → motif 1: N cells on F channels at 14×14 → max-pool 2 →
 * motif 2: N cells on 2F channels at 7×7 → flatten → linear 10.
 *
 * <p>The costs are per image at batch 1 and are exact counts of the network built: dense
 * multiply-accumulates (full convolutions and the classifier), window work (depthwise filtering,
 * pooling), element-wise additions, and kernel launches; they are the time predictor's features.
 */
public record Architecture(Cell cell, int filters, int cellsPerMotif) {
    static final int CLASSES = 10;
    static final int[] PIXELS = {14 * 14, 7 * 7};

    public Architecture {
        if (filters < 1 || cellsPerMotif < 1) {
            throw new IllegalArgumentException("filters and cells per motif must be positive");
        }
    }

    public Shape inputShape(long batch) {
        return new Shape(batch, 1, 28, 28);
    }

    /** The network, uninitialised. */
    public Block block() {
        SequentialBlock network = new SequentialBlock()
            .add(Operator.convolution(filters, 3, 1))
            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        for (int motif = 0; motif < 2; motif++) {
            if (motif == 1) {
                network.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
            for (int i = 0; i < cellsPerMotif; i++) {
                network.add(new CellBlock(cell, channels(motif)));
            }
        }
        return network.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(CLASSES).build());
    }

    int channels(int motif) {
        return filters << motif;
    }

    /** The time predictor's features, in the order of {@link #FEATURES}. */
    public double[] costFeatures() {
        double dense = 784.0 * 9 * filters + (double) channels(1) * PIXELS[1] * CLASSES;
        double window = 784.0 * filters + PIXELS[0] * filters; // the two 2×2 max-pools: 4 reads per output pixel
        double adds = 0;
        double convolutions = 1;
        double pools = 2;
        int previous = filters;
        for (int motif = 0; motif < 2; motif++) {
            int channels = channels(motif);
            int pixels = PIXELS[motif];
            for (int c = 0; c < cellsPerMotif; c++) {
                dense += (double) pixels * previous * channels;
                convolutions++;
                previous = channels;
                int summed = 0;
                for (Cell.Step step : cell.blocks()) {
                    for (Operator op : new Operator[] {step.op1(), step.op2()}) {
                        dense += op.denseMacs(channels, pixels);
                        window += op.windowMacs(channels, pixels);
                        convolutions += op == Operator.DWSEP3X3 ? 2 : op.convolutional() ? 1 : 0;
                        pools += op == Operator.MAXPOOL3X3 || op == Operator.AVGPOOL3X3 ? 1 : 0;
                    }
                    adds += (double) channels * pixels;
                }
                for (boolean unused : cell.unused()) {
                    summed += unused ? 1 : 0;
                }
                adds += (double) (summed - 1) * channels * pixels;
            }
        }
        return new double[] {dense / 1e6, window / 1e6, adds / 1e6, convolutions, pools};
    }

    public static final java.util.List<String> FEATURES = java.util.List.of("dense_mmacs", "window_mmacs", "add_melements", "convolutions", "pools");

    /** Trainable parameters (convolutions, batch-norm scale and shift, classifier), counted from the design. */
    public long parameters() {
        long count = 9L * filters + 2L * filters + (long) channels(1) * PIXELS[1] * CLASSES + CLASSES;
        int previous = filters;
        for (int motif = 0; motif < 2; motif++) {
            int channels = channels(motif);
            for (int c = 0; c < cellsPerMotif; c++) {
                count += (long) previous * channels + 2L * channels;
                previous = channels;
                for (Cell.Step step : cell.blocks()) {
                    count += step.op1().parameters(channels) + step.op2().parameters(channels);
                }
            }
        }
        return count;
    }

    /**
     * Memory the model needs at batch 1, in MB: float32 weights, batch-norm running statistics and
     * the largest set of activations alive at once (a cell's input, its preprocessed input and every
     * block output, which stay alive until the cell's sum).
     */
    public double memoryMb() {
        double weights = parameters() * 4.0;
        double statistics = 2.0 * filters * 4;
        double peak = 2.0 * 784 * filters * 4;
        for (int motif = 0; motif < 2; motif++) {
            int channels = channels(motif);
            int norms = 1 + cell.count(Operator.CONV1X1) + cell.count(Operator.CONV3X3) + cell.count(Operator.DWSEP3X3);
            statistics += cellsPerMotif * norms * 2.0 * channels * 4;
            peak = Math.max(peak, (cell.size() + 2.0) * channels * PIXELS[motif] * 4);
        }
        return (weights + statistics + peak) / (1 << 20);
    }
}
