package io.aisprint.learn.nas;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.data.ImageSet;
import io.aisprint.learn.nn.Engines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * One candidate {@link Architecture} in DJL on PyTorch's CPU engine: trained with Adam through
 * DJL's {@link Trainer} (batch norm needs its running statistics updated, which the trainer does),
 * evaluated, timed at batch 1, saved. Not thread-safe; close it to free native memory.
 */
final class Network implements AutoCloseable {
    static final String MODEL_NAME = "model";
    private final Architecture architecture;
    private final Model model;
    private final Trainer trainer;

    private Network(Architecture architecture, long seed) {
        Engine engine = Engines.pytorch();
        engine.setRandomSeed((int) seed);
        this.architecture = architecture;
        this.model = Model.newInstance("nas", Device.cpu(), "PyTorch");
        model.setBlock(architecture.block());
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.002f)).build();
        this.trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(adam)
            .optDevices(new Device[] {Device.cpu()}));
        trainer.initialize(architecture.inputShape(1));
    }

    static Network create(Architecture architecture, long seed) {
        return new Network(architecture, seed);
    }

    Architecture architecture() {
        return architecture;
    }

    /** What {@link #train} did: the best validation accuracy (its weights are kept), epochs run, seconds. */
    record Training(double validationAccuracy, double epochs, double seconds, boolean stoppedEarly, boolean outOfTime) {
    }

    /**
     * Trains up to {@code maxEpochs} passes over {@code data}, stopping early when the validation
     * accuracy has not improved by 0.2 points for {@code patience} epochs (the best epoch's weights
     * are restored), or when {@code clock} passes {@code deadline} (nanoseconds; checked per batch).
     */
    Training train(ImageSet data, ImageSet validation, int maxEpochs, int patience, int batchSize, Random random,
            LongSupplier clock, long deadline) {
        long start = clock.getAsLong();
        double best = -1;
        float[][] bestWeights = null;
        int sinceBest = 0;
        double epochs = 0;
        boolean outOfTime = false;
        boolean early = false;
        for (int epoch = 0; epoch < maxEpochs && !outOfTime; epoch++) {
            int[] order = io.aisprint.learn.nn.DjlNetwork.permutation(data.size(), random);
            int done = 0;
            for (int from = 0; from < order.length; from += batchSize) {
                if (clock.getAsLong() > deadline) {
                    outOfTime = true;
                    break;
                }
                int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
                step(data, batch);
                done += batch.length;
            }
            epochs += (double) done / order.length;
            if (done == 0) {
                break;
            }
            double accuracy = accuracy(validation);
            if (accuracy > best + 0.002) {
                best = accuracy;
                bestWeights = weights();
                sinceBest = 0;
            } else if (++sinceBest >= patience) {
                early = true;
                break;
            }
        }
        if (bestWeights != null) {
            restore(bestWeights);
        }
        return new Training(Math.max(best, 0), epochs, (clock.getAsLong() - start) / 1e9, early, outOfTime);
    }

    private void step(ImageSet data, int[] batch) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDList inputs = inputs(scope, data, batch);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(inputs.get(0)));
                NDArray loss = trainer.getLoss().evaluate(new NDList(inputs.get(1)), predictions);
                collector.backward(loss);
            }
            trainer.step();
        }
    }

    /** Share of {@code data} classified right, in batches of 500 in inference mode. */
    double accuracy(ImageSet data) {
        int correct = 0;
        for (int from = 0; from < data.size(); from += 500) {
            int[] batch = new int[Math.min(500, data.size() - from)];
            Arrays.setAll(batch, i -> i);
            for (int i = 0; i < batch.length; i++) {
                batch[i] += from;
            }
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList inputs = inputs(scope, data, batch);
                NDArray logits = model.getBlock().forward(new ParameterStore(scope, false), new NDList(inputs.get(0)), false).singletonOrThrow();
                float[] predicted = logits.argMax(1).toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < batch.length; i++) {
                    correct += (int) predicted[i] == data.labels()[batch[i]] ? 1 : 0;
                }
            }
        }
        return data.size() == 0 ? 0 : (double) correct / data.size();
    }

    /**
     * Median seconds of one batch-1 inference over {@code runs} timed runs after {@code warmUp}
     * untimed ones (the median, not the mean: one descheduling on a shared machine must not move it).
     */
    double latencySeconds(int warmUp, int runs) {
        float[] pixels = new float[784];
        Random random = new Random(7);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextGaussian();
        }
        double[] times = new double[runs];
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray input = scope.create(pixels, architecture.inputShape(1));
            ParameterStore store = new ParameterStore(scope, false);
            for (int i = 0; i < warmUp + runs; i++) {
                try (NDManager call = scope.newSubManager()) {
                    long start = System.nanoTime();
                    NDArray out = model.getBlock().forward(store, new NDList(input), false).singletonOrThrow();
                    out.toFloatArray();
                    long end = System.nanoTime();
                    out.close();
                    if (i >= warmUp) {
                        times[i - warmUp] = (end - start) / 1e9;
                    }
                }
            }
        }
        Arrays.sort(times);
        return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    }

    /** Trainable parameters as DJL counts them (checks {@link Architecture#parameters()}). */
    long parameterCount() {
        long count = 0;
        for (var parameter : model.getBlock().getParameters().values()) {
            if (parameter.requiresGradient()) {
                count += parameter.getArray().size();
            }
        }
        return count;
    }

    /** Writes the weights as {@code DIR/model-0000.params}, atomically (written beside, then moved). */
    void save(Path directory) {
        try {
            Files.createDirectories(directory);
            Path scratch = Files.createTempDirectory(directory, ".saving");
            model.save(scratch, MODEL_NAME);
            try (var files = Files.list(scratch)) {
                for (Path file : files.toList()) {
                    Files.move(file, directory.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.delete(scratch);
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.CHECKPOINT, "Cannot save the model in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A network with the weights saved in {@code directory}. */
    static Network load(Architecture architecture, Path directory) {
        Network network = new Network(architecture, 0);
        try {
            network.model.load(directory, MODEL_NAME);
        } catch (IOException | MalformedModelException e) {
            network.close();
            throw new LearnException(LearnErrorCode.DATA_INVALID, "Cannot read the model in " + directory + ": " + e.getMessage(), e);
        }
        return network;
    }

    /** A copy of every parameter's values, running statistics included. */
    private float[][] weights() {
        var parameters = model.getBlock().getParameters().values();
        float[][] copy = new float[parameters.size()][];
        int i = 0;
        for (var parameter : parameters) {
            copy[i++] = parameter.getArray().toFloatArray();
        }
        return copy;
    }

    /**
     * Writes saved values back into the same arrays (not new ones: the trainer's gradients and the
     * optimiser's state are attached to these).
     */
    private void restore(float[][] weights) {
        int i = 0;
        for (var parameter : model.getBlock().getParameters().values()) {
            parameter.getArray().set(java.nio.FloatBuffer.wrap(weights[i++]));
        }
    }

    private NDList inputs(NDManager scope, ImageSet data, int[] batch) {
        float[] labels = new float[batch.length];
        for (int i = 0; i < batch.length; i++) {
            labels[i] = data.labels()[batch[i]];
        }
        return new NDList(scope.create(data.features(batch), architecture.inputShape(batch.length)),
            scope.create(labels, new Shape(batch.length)));
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
