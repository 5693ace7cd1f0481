package io.aisprint.platform.examples;

import java.io.Serializable;

/**
 * The mask-detector's classifying partition with its running statistics: how many frames it
 * classified and how many showed a mask. The counts are the component's state; {@code moves} says
 * how many times that state moved to another worker.
 */
public final class MaskCounter implements PartitionCode, Stateful {
    /** The moved state. */
    public record Counts(long frames, long masked, int moves) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final TinyCnn cnn;
    private final boolean fromFeatures;
    private long frames;
    private long masked;
    private int moves;

    /** {@code fromFeatures}: the input is the first partition's features, else a whole frame. */
    MaskCounter(TinyCnn cnn, boolean fromFeatures) {
        this.cnn = cnn;
        this.fromFeatures = fromFeatures;
    }

    @Override
    public Result run(Object input) {
        float[] features = fromFeatures && input instanceof float[] given ? given : cnn.features(ExampleCode.asFrame(input));
        double probability = cnn.classify(features);
        synchronized (this) {
            frames++;
            if (probability >= 0.5) {
                masked++;
            }
        }
        return new Result(probability, false);
    }

    @Override
    public synchronized Serializable exportState() {
        Counts counts = new Counts(frames, masked, moves);
        frames = 0;
        masked = 0;
        moves = 0;
        return counts;
    }

    @Override
    public synchronized void importState(Serializable state) {
        Counts counts = (Counts) state;
        frames += counts.frames();
        masked += counts.masked();
        moves = Math.max(moves, counts.moves()) + 1;
    }

    @Override
    public synchronized Serializable peekState() {
        return new Counts(frames, masked, moves);
    }
}
