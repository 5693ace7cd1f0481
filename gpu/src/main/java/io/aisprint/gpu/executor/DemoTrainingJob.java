package io.aisprint.gpu.executor;

import java.nio.file.Path;
import java.util.Random;

/**
 * A small real training job for the executor's demo and tests: a one-hidden-layer network
 * trained by stochastic gradient descent on a seeded synthetic classification task, on the
 * CPU. It checkpoints after every epoch and, on SIGTERM, finishes the mini-batch it is in,
 * writes a checkpoint and exits; started again with the same checkpoint it resumes.
 *
 * <p>Arguments: {@code --checkpoint FILE --epochs N [--samples N] [--seed N]}. It prints the
 * GPU environment it was given (CUDA_VISIBLE_DEVICES or RCUDA_*) and one line per epoch.
 */
public final class DemoTrainingJob {
    private static final int FEATURES = 32;
    private static final int HIDDEN = 32;
    private static final int BATCH = 64;
    private static volatile boolean stopRequested;

    private DemoTrainingJob() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path checkpointFile = null;
        int epochs = 10;
        int samples = 4000;
        long seed = 7;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--checkpoint" -> checkpointFile = Path.of(args[i + 1]);
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--samples" -> samples = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (checkpointFile == null) {
            System.err.println("usage: DemoTrainingJob --checkpoint FILE --epochs N [--samples N] [--seed N]");
            System.exit(2);
        }
        Thread trainer = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested = true;
            try {
                trainer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("gpus CUDA_VISIBLE_DEVICES=" + System.getenv().getOrDefault("CUDA_VISIBLE_DEVICES", "")
            + " RCUDA_DEVICE_COUNT=" + System.getenv().getOrDefault("RCUDA_DEVICE_COUNT", "")
            + " RCUDA_DEVICE_0=" + System.getenv().getOrDefault("RCUDA_DEVICE_0", ""));
        train(checkpointFile, epochs, samples, seed);
    }

    private static void train(Path checkpointFile, int epochs, int samples, long seed) {
        Random data = new Random(seed);
        double[][] x = new double[samples][FEATURES];
        double[] y = new double[samples];
        double[] truth = new double[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            truth[f] = data.nextGaussian();
        }
        for (int s = 0; s < samples; s++) {
            double dot = 0;
            for (int f = 0; f < FEATURES; f++) {
                x[s][f] = data.nextGaussian();
                dot += x[s][f] * truth[f];
            }
            y[s] = dot > 0 ? 1 : 0;
        }
        int parameterCount = HIDDEN * FEATURES + HIDDEN + HIDDEN + 1;
        Checkpoint start = Checkpoint.read(checkpointFile).orElse(null);
        double[] w;
        int epoch;
        if (start != null && start.weights().length == parameterCount) {
            w = start.weights();
            epoch = start.epochsDone();
            System.out.println("resumed from epoch " + epoch);
        } else {
            Random init = new Random(seed + 1);
            w = new double[parameterCount];
            for (int i = 0; i < w.length; i++) {
                w[i] = init.nextGaussian() * 0.1;
            }
            epoch = 0;
        }
        double loss = start == null ? Double.NaN : start.loss();
        double rate = 0.05;
        Random order = new Random(seed + 2);
        while (epoch < epochs) {
            double total = 0;
            boolean interrupted = false;
            double[] gradient = new double[parameterCount];
            double[] hidden = new double[HIDDEN];
            for (int batchStart = 0; batchStart < samples; batchStart += BATCH) {
                if (stopRequested) {
                    interrupted = true;
                    break;
                }
                java.util.Arrays.fill(gradient, 0);
                int end = Math.min(samples, batchStart + BATCH);
                for (int b = batchStart; b < end; b++) {
                    int s = order.nextInt(samples);
                    total += step(w, x[s], y[s], hidden, gradient);
                }
                for (int i = 0; i < parameterCount; i++) {
                    w[i] -= rate * gradient[i] / (end - batchStart);
                }
            }
            if (interrupted) {
                break;
            }
            epoch++;
            loss = total / samples;
            new Checkpoint(epoch, epochs, loss, w).write(checkpointFile);
            System.out.printf("epoch %d/%d loss %.5f%n", epoch, epochs, loss);
        }
        if (stopRequested) {
            new Checkpoint(epoch, epochs, Double.isNaN(loss) ? 0 : loss, w).write(checkpointFile);
            System.out.println("checkpointed at epoch " + epoch + " on request");
        } else {
            System.out.println("done");
        }
    }

    /** Forward and backward pass of one sample; adds to the gradient and returns the log loss. */
    private static double step(double[] w, double[] input, double label, double[] hidden, double[] gradient) {
        int outputWeights = HIDDEN * FEATURES + HIDDEN;
        double output = w[outputWeights + HIDDEN];
        for (int h = 0; h < HIDDEN; h++) {
            double sum = w[HIDDEN * FEATURES + h];
            int row = h * FEATURES;
            for (int f = 0; f < FEATURES; f++) {
                sum += w[row + f] * input[f];
            }
            hidden[h] = Math.tanh(sum);
            output += w[outputWeights + h] * hidden[h];
        }
        double p = 1 / (1 + Math.exp(-output));
        double error = p - label;
        gradient[outputWeights + HIDDEN] += error;
        for (int h = 0; h < HIDDEN; h++) {
            gradient[outputWeights + h] += error * hidden[h];
            double back = error * w[outputWeights + h] * (1 - hidden[h] * hidden[h]);
            gradient[HIDDEN * FEATURES + h] += back;
            int row = h * FEATURES;
            for (int f = 0; f < FEATURES; f++) {
                gradient[row + f] += back * input[f];
            }
        }
        double clipped = Math.min(1 - 1e-12, Math.max(1e-12, p));
        return -(label * Math.log(clipped) + (1 - label) * Math.log(1 - clipped));
    }
}
