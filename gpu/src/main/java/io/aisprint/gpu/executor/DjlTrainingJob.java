package io.aisprint.gpu.executor;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo training job on DJL with PyTorch: a small multi-layer perceptron that learns to
 * tell two seeded concentric rings of 2-D points apart, trained with mini-batch SGD on the
 * CPU (on the first visible GPU only when the loaded libtorch was built with CUDA). Like
 * {@link DemoTrainingJob} it checkpoints after every epoch; on SIGTERM it finishes its current
 * mini-batch, checkpoints and exits 0; started again on the same checkpoint folder it resumes
 * from the saved epoch with the saved parameters.
 *
 * <p>Arguments: {@code --checkpoint DIR --epochs N [--samples N] [--batch N] [--seed N]}.
 * Output lines: {@code gpus CUDA_VISIBLE_DEVICES=...}, {@code engine PyTorch 2.7.1 cuda false
 * gpus N device cpu() loaded in S s}, {@code resumed from epoch N}, {@code epoch E/N loss L
 * accuracy A seconds S}, and {@code done} or {@code checkpointed at epoch E on request}.
 * Exit codes: 0 done or checkpointed on request, 1 training failed, 2 bad arguments,
 * 3 ({@link #ENGINE_UNAVAILABLE}) the PyTorch native library could not be loaded.
 */
public final class DjlTrainingJob {
    /** Exit code when the PyTorch native library cannot be loaded. */
    public static final int ENGINE_UNAVAILABLE = 3;
    private static final int HIDDEN = 16;
    private static volatile boolean stopRequested;

    private DjlTrainingJob() {
    }

    public static void main(String[] args) {
        Path checkpoint = null;
        int epochs = 10;
        int samples = 2000;
        int batch = 20;
        long seed = 7;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException("missing value after " + args[i]);
                }
                switch (args[i]) {
                    case "--checkpoint" -> checkpoint = Path.of(value);
                    case "--epochs" -> epochs = Integer.parseInt(value);
                    case "--samples" -> samples = Integer.parseInt(value);
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (checkpoint == null || epochs < 1 || samples < batch || batch < 1) {
                throw new IllegalArgumentException("--checkpoint is required; --epochs, --batch >= 1; --samples >= --batch");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: DjlTrainingJob --checkpoint DIR --epochs N [--samples N] [--batch N] [--seed N]");
            System.exit(2);
        }
        System.out.println("gpus CUDA_VISIBLE_DEVICES=" + System.getenv().getOrDefault("CUDA_VISIBLE_DEVICES", "")
            + " RCUDA_DEVICE_COUNT=" + System.getenv().getOrDefault("RCUDA_DEVICE_COUNT", "")
            + " RCUDA_DEVICE_0=" + System.getenv().getOrDefault("RCUDA_DEVICE_0", ""));
        // Nothing may be downloaded at run time: the natives come from the pytorch-native-cpu jar.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        Engine engine;
        long loadStart = System.nanoTime();
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            System.out.println("engine unavailable: " + e);
            System.exit(ENGINE_UNAVAILABLE);
            return;
        }
        // The driver shows the GPUs CUDA_VISIBLE_DEVICES leaves; they are used only when the loaded
        // libtorch was built with CUDA (the pytorch-native-cpu natives are not: the job then trains on the CPU).
        int visibleGpus = engine.getGpuCount();
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
        Device device = cuda && visibleGpus > 0 ? Device.gpu() : Device.cpu();
        System.out.printf("engine %s %s cuda %b gpus %d device %s loaded in %.2f s%n", engine.getEngineName(), engine.getVersion(),
            cuda, visibleGpus, device, (System.nanoTime() - loadStart) / 1e9);

        Thread trainer = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested = true;
            try {
                trainer.join(20_000); // let the trainer finish its batch and write the checkpoint
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "checkpoint-on-sigterm"));
        try {
            train(engine, device, new DjlCheckpoint.Folder(checkpoint), epochs, samples, batch, seed);
        } catch (Exception e) {
            System.out.println("training failed: " + e);
            System.exit(1);
        }
    }

    private static void train(Engine engine, Device device, DjlCheckpoint.Folder folder, int epochs, int samples, int batchSize, long seed)
        throws IOException, TranslateException {
        engine.setRandomSeed((int) seed);
        try (NDManager manager = engine.newBaseManager(device); Model model = Model.newInstance("mlp", device, engine.getEngineName())) {
            NDList all = rings(manager, samples, seed);
            ArrayDataset dataset = new ArrayDataset.Builder().setData(all.get(0)).optLabels(all.get(1)).setSampling(batchSize, true).build();
            model.setBlock(new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(HIDDEN).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(2).build()));
            DjlCheckpoint start = folder.read().orElse(null);
            int epoch = 0;
            List<Double> losses = new ArrayList<>();
            if (start != null) {
                folder.loadParameters(model, start);
                epoch = start.epochsDone();
                losses.addAll(start.losses());
                System.out.println("resumed from epoch " + epoch);
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build())
                .optDevices(new Device[] {device});
            double accuracy = start == null ? Double.NaN : start.accuracy();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batchSize, 2)); // keeps loaded parameters, creates fresh ones otherwise
                Loss loss = trainer.getLoss();
                while (epoch < epochs && !stopRequested) {
                    long epochStart = System.nanoTime();
                    // The shuffle order depends only on the seed and the epoch, so a resumed run sees what an unbroken one would.
                    engine.setRandomSeed((int) (seed * 1_000 + epoch));
                    double total = 0;
                    int seen = 0;
                    for (Batch batch : trainer.iterateDataset(dataset)) {
                        try (batch) {
                            if (stopRequested) {
                                break;
                            }
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDList predictions = trainer.forward(batch.getData(), batch.getLabels());
                                NDArray value = loss.evaluate(batch.getLabels(), predictions);
                                collector.backward(value);
                                total += value.getFloat() * batch.getSize();
                                seen += batch.getSize();
                            }
                            trainer.step();
                        }
                    }
                    if (seen < samples) {
                        break; // stopped within the epoch: the checkpoint keeps the last whole epoch's count
                    }
                    epoch++;
                    losses.add(total / seen);
                    accuracy = accuracy(trainer, all, manager);
                    model.setProperty("Epoch", Integer.toString(epoch));
                    folder.write(model, new DjlCheckpoint(epoch, epochs, losses, accuracy, ""));
                    System.out.printf("epoch %d/%d loss %.5f accuracy %.4f seconds %.3f%n", epoch, epochs, total / seen, accuracy,
                        (System.nanoTime() - epochStart) / 1e9);
                }
                if (stopRequested) {
                    // Parameters changed by the batches of an unfinished epoch are kept; the epoch count is not advanced.
                    model.setProperty("Epoch", Integer.toString(epoch));
                    folder.write(model, new DjlCheckpoint(epoch, epochs, losses, accuracy, ""));
                    System.out.println("checkpointed at epoch " + epoch + " on request");
                } else {
                    System.out.println("done");
                }
            }
        }
    }

    /** Two noisy concentric rings (radius 0.5 and 1.0), labels 0 and 1, from the seed alone. */
    static NDList rings(NDManager manager, int samples, long seed) {
        Random random = new Random(seed);
        float[] points = new float[samples * 2];
        float[] labels = new float[samples];
        for (int i = 0; i < samples; i++) {
            int label = i % 2;
            double radius = (label == 0 ? 0.5 : 1.0) + random.nextGaussian() * 0.1;
            double angle = random.nextDouble() * 2 * Math.PI;
            points[2 * i] = (float) (radius * Math.cos(angle));
            points[2 * i + 1] = (float) (radius * Math.sin(angle));
            labels[i] = label;
        }
        return new NDList(manager.create(points, new Shape(samples, 2)), manager.create(labels, new Shape(samples)));
    }

    private static double accuracy(Trainer trainer, NDList all, NDManager manager) {
        // The arrays computed here belong to a scope freed at the end, not to the job's manager.
        try (NDManager scope = manager.newSubManager()) {
            all.tempAttach(scope);
            NDArray predicted = trainer.evaluate(new NDList(all.get(0))).singletonOrThrow().argMax(1).toType(DataType.FLOAT32, false);
            return predicted.eq(all.get(1)).toType(DataType.FLOAT32, false).mean().getFloat();
        }
    }
}
