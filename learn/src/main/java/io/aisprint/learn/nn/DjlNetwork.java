package io.aisprint.learn.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.data.ImageSet;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One network of a {@link ModelKind} in DJL on PyTorch's CPU engine, seen from outside as a flat
 * vector of floats (the form federated learning exchanges). Training is written out step by
 * step rather than through DJL's {@code Trainer}, because FedProx adds a term to the loss and
 * DP-SGD clips every example's gradient before the update, which a stock optimiser cannot do.
 * Not thread-safe; close it to free the native memory.
 */
public final class DjlNetwork implements AutoCloseable {
    private final ModelKind kind;
    private final NDManager manager;
    private final Block block;
    private final List<NDArray> parameters = new ArrayList<>();
    private final int parameterCount;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();
    private static final Object TRAINING = new Object();

    private DjlNetwork(ModelKind kind, NDManager manager, Block block) {
        this.kind = kind;
        this.manager = manager;
        this.block = block;
        int count = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            parameters.add(array);
            count += (int) array.size();
        }
        this.parameterCount = count;
    }

    /** A freshly initialised network; the same seed gives the same initial parameters. */
    public static DjlNetwork create(ModelKind kind, long seed) {
        Engine engine = Engines.pytorch();
        engine.setRandomSeed((int) seed);
        NDManager manager = engine.newBaseManager(Device.cpu());
        Block block = kind.block();
        block.initialize(manager, DataType.FLOAT32, kind.inputShape(1));
        return new DjlNetwork(kind, manager, block);
    }

    public ModelKind kind() {
        return kind;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** A copy of all parameters, in the block's order. */
    public float[] parameters() {
        float[] flat = new float[parameterCount];
        int offset = 0;
        for (NDArray array : parameters) {
            float[] values = array.toFloatArray();
            System.arraycopy(values, 0, flat, offset, values.length);
            offset += values.length;
        }
        return flat;
    }

    public void setParameters(float[] flat) {
        if (flat.length != parameterCount) {
            throw new LearnException(LearnErrorCode.UPDATE_REJECTED, String.format(
                "a %s has %d parameters, the vector given has %d.", kind, parameterCount, flat.length));
        }
        int offset = 0;
        for (NDArray array : parameters) {
            int size = (int) array.size();
            array.set(FloatBuffer.wrap(flat, offset, size).slice());
            offset += size;
        }
    }

    /**
     * Trains on {@code data} as the settings say, starting from the current parameters; the
     * order of examples comes from {@code random}. Returns the mean training loss of the last epoch.
     * DJL's PyTorch engine allows one gradient collector at a time per process, so networks of one
     * JVM (several clients in one process) train one after the other.
     */
    public double train(ImageSet data, TrainingSettings settings, Random random) {
        if (data.size() == 0) {
            return Double.NaN;
        }
        synchronized (TRAINING) {
            float[] anchor = settings.proximalMu() > 0 ? parameters() : null;
            double lastLoss = Double.NaN;
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                lastLoss = settings.differentiallyPrivate() ? privateEpoch(data, settings, random) : epoch(data, settings, anchor, random);
            }
            return lastLoss;
        }
    }

    private double epoch(ImageSet data, TrainingSettings settings, float[] anchor, Random random) {
        int[] order = permutation(data.size(), random);
        double total = 0;
        List<NDArray> anchors = new ArrayList<>();
        try (NDScope roundScope = new NDScope()) {
            if (anchor != null) {
                int offset = 0;
                for (NDArray array : parameters) {
                    int size = (int) array.size();
                    anchors.add(manager.create(FloatBuffer.wrap(anchor, offset, size).slice(), array.getShape()));
                    offset += size;
                }
            }
            for (int start = 0; start < order.length; start += settings.batchSize()) {
                int[] batch = java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + settings.batchSize()));
                try (NDScope stepScope = new NDScope()) {
                    NDList input = inputs(data, batch);
                    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDList predictions = block.forward(new ParameterStore(manager, false), new NDList(input.get(0)), true);
                        NDArray value = loss.evaluate(new NDList(input.get(1)), predictions);
                        total += value.getFloat() * batch.length;
                        if (anchor != null) {
                            NDArray proximal = null;
                            for (int p = 0; p < parameters.size(); p++) {
                                NDArray term = parameters.get(p).sub(anchors.get(p)).square().sum();
                                proximal = proximal == null ? term : proximal.add(term);
                            }
                            value = value.add(proximal.mul(settings.proximalMu() / 2));
                        }
                        collector.backward(value);
                    }
                    for (NDArray array : parameters) {
                        NDArray gradient = array.getGradient();
                        // on the detached view (same storage): a thread other than the engine's starts with grad mode on,
                        // where an in-place step on a leaf that requires grad is refused
                        array.stopGradient().subi(gradient.mul(settings.learningRate()));
                        gradient.subi(gradient);
                    }
                }
            }
        }
        return total / order.length;
    }

    /** One DP-SGD epoch: 1/q steps, each on a Poisson sample of rate q = batch/n. */
    private double privateEpoch(ImageSet data, TrainingSettings settings, Random random) {
        int n = data.size();
        double rate = Math.min(1.0, (double) settings.batchSize() / n);
        int steps = (int) Math.ceil(1 / rate);
        double total = 0;
        int seen = 0;
        for (int step = 0; step < steps; step++) {
            float[] sum = new float[parameterCount];
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() >= rate) {
                    continue;
                }
                float[] gradient = new float[parameterCount];
                total += exampleGradient(data, i, gradient);
                seen++;
                double norm = Vectors.norm(gradient);
                double scale = Math.min(1.0, settings.clipNorm() / Math.max(norm, 1e-12));
                for (int j = 0; j < parameterCount; j++) {
                    sum[j] += (float) (gradient[j] * scale);
                }
            }
            double deviation = settings.noiseMultiplier() * settings.clipNorm();
            float[] flat = parameters();
            double expected = rate * n;
            for (int j = 0; j < parameterCount; j++) {
                double noisy = sum[j] + random.nextGaussian() * deviation;
                flat[j] -= (float) (settings.learningRate() * noisy / expected);
            }
            setParameters(flat);
        }
        return seen == 0 ? Double.NaN : total / seen;
    }

    private double exampleGradient(ImageSet data, int index, float[] into) {
        try (NDScope scope = new NDScope()) {
            NDList input = inputs(data, new int[] {index});
            double value;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDList predictions = block.forward(new ParameterStore(manager, false), new NDList(input.get(0)), true);
                NDArray lossValue = loss.evaluate(new NDList(input.get(1)), predictions);
                value = lossValue.getFloat();
                collector.backward(lossValue);
            }
            int offset = 0;
            for (NDArray array : parameters) {
                NDArray gradient = array.getGradient();
                float[] values = gradient.toFloatArray();
                System.arraycopy(values, 0, into, offset, values.length);
                offset += values.length;
                gradient.subi(gradient);
            }
            return value;
        }
    }

    /** Accuracy and mean loss on {@code data}, in batches of 1000 without gradients. */
    public Evaluation evaluate(ImageSet data) {
        int correct = 0;
        double total = 0;
        for (int start = 0; start < data.size(); start += 1000) {
            int[] batch = new int[Math.min(1000, data.size() - start)];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = start + i;
            }
            try (NDScope scope = new NDScope()) {
                NDList input = inputs(data, batch);
                NDList predictions = block.forward(new ParameterStore(manager, false), new NDList(input.get(0)), false);
                total += loss.evaluate(new NDList(input.get(1)), predictions).getFloat() * batch.length;
                float[] predicted = predictions.singletonOrThrow().argMax(1).toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < batch.length; i++) {
                    if ((int) predicted[i] == data.labels()[batch[i]]) {
                        correct++;
                    }
                }
            }
        }
        return new Evaluation(data.size() == 0 ? 0 : (double) correct / data.size(), data.size() == 0 ? 0 : total / data.size(), data.size());
    }

    private NDList inputs(ImageSet data, int[] batch) {
        float[] pixels = data.features(batch);
        float[] labels = new float[batch.length];
        for (int i = 0; i < batch.length; i++) {
            labels[i] = data.labels()[batch[i]];
        }
        Shape shape = kind.inputShape(batch.length);
        return new NDList(manager.create(pixels, shape), manager.create(labels, new Shape(batch.length)));
    }

    /** 0..count-1 in a seeded random order (Fisher–Yates). */
    public static int[] permutation(int count, Random random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    @Override
    public void close() {
        manager.close();
    }
}
