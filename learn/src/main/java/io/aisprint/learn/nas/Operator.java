package io.aisprint.learn.nas;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The operators a block of a cell applies to one of its inputs (POPNAS's image operators, the
 * subset that trains in seconds on a CPU): every one keeps the channel count and the 28×28-derived
 * spatial size ("same" padding, stride 1), so any two can be summed. Convolutions are conv → batch
 * norm → ReLU. The cost figures are per image and feed the time predictor's features.
 */
public enum Operator {
    IDENTITY("identity"),
    CONV1X1("conv1x1"),
    CONV3X3("conv3x3"),
    DWSEP3X3("dwsep3x3"),
    MAXPOOL3X3("maxpool3x3"),
    AVGPOOL3X3("avgpool3x3");

    private final String label;

    Operator(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The operator's network on {@code channels} channels. */
    Block block(int channels) {
        return switch (this) {
            case IDENTITY -> Blocks.identityBlock();
            case CONV1X1 -> convolution(channels, 1, 1);
            case CONV3X3 -> convolution(channels, 3, 1);
            case DWSEP3X3 -> new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).optGroups(channels)
                    .setFilters(channels).optBias(false).build())
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(channels).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
            case MAXPOOL3X3 -> Pool.maxPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1));
            case AVGPOOL3X3 -> Pool.avgPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false, true);
        };
    }

    static Block convolution(int channels, int kernel, int stride) {
        int pad = kernel / 2;
        return new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad)).setFilters(channels).optBias(false).build())
            .add(BatchNorm.builder().build())
            .add(Activation.reluBlock());
    }

    /** Multiply-accumulates of the dense (full) convolutions per image on a {@code channels}×{@code pixels} map. */
    double denseMacs(int channels, int pixels) {
        return switch (this) {
            case CONV1X1 -> (double) pixels * channels * channels;
            case CONV3X3 -> 9.0 * pixels * channels * channels;
            case DWSEP3X3 -> (double) pixels * channels * channels;
            default -> 0;
        };
    }

    /** Multiply-accumulates of depthwise filtering and pooling windows (memory-bound, costed apart). */
    double windowMacs(int channels, int pixels) {
        return switch (this) {
            case DWSEP3X3, MAXPOOL3X3, AVGPOOL3X3 -> 9.0 * pixels * channels;
            default -> 0;
        };
    }

    /** Trainable parameters on {@code channels} channels (batch norm: scale and shift). */
    long parameters(int channels) {
        return switch (this) {
            case CONV1X1 -> (long) channels * channels + 2L * channels;
            case CONV3X3 -> 9L * channels * channels + 2L * channels;
            case DWSEP3X3 -> 9L * channels + (long) channels * channels + 2L * channels;
            default -> 0;
        };
    }

    /** Whether the operator runs a convolution kernel followed by batch norm (a launch the time model counts). */
    boolean convolutional() {
        return this == CONV1X1 || this == CONV3X3 || this == DWSEP3X3;
    }

    public static Optional<Operator> byLabel(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.label.equals(wanted)).findFirst();
    }
}
