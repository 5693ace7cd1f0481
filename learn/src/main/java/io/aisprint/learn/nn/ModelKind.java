package io.aisprint.learn.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.util.Locale;

/**
 * The two network shapes for 28×28 grey images, 10 classes (bench/learn/reference.py builds the
 * same ones in PyTorch).
 *
 * <ul>
 *   <li>{@link #MLP}: 784 → 200 → ReLU → 200 → ReLU → 10 (McMahan et al.'s "2NN", 199,210 parameters).</li>
 *   <li>{@link #CNN}: conv 5×5 16 (pad 2) → ReLU → max-pool 2 → conv 5×5 32 (pad 2) → ReLU → max-pool 2
 *       → 1568 → 128 → ReLU → 10 (215,370 parameters): a small version of McMahan's CNN that trains
 *       in seconds per epoch on a CPU core.</li>
 * </ul>
 */
public enum ModelKind {
    MLP,
    CNN;

    /** The input shape for a batch of {@code batch} images. */
    public Shape inputShape(long batch) {
        return this == MLP ? new Shape(batch, 784) : new Shape(batch, 1, 28, 28);
    }

    Block block() {
        if (this == MLP) {
            return new SequentialBlock()
                .add(Linear.builder().setUnits(200).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(200).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
        }
        return new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(16).build())
            .add(Activation.reluBlock())
            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(32).build())
            .add(Activation.reluBlock())
            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
            .add(Linear.builder().setUnits(10).build());
    }

    public static ModelKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--model '" + text + "' is not a model: expected mlp or cnn.");
        }
    }
}
