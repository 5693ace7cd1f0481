package io.aisprint.platform.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Picks the real code of a partition: the mask-detection components by name, and for any other
 * application a generic piece of real work (a checksum pass and a small matrix product over the
 * request's payload), so every partition computes something.
 */
public final class ExampleCode {
    private static final long WEIGHT_SEED = 42;
    private static final int CALIBRATION_FRAMES = 200;

    private ExampleCode() {
    }

    /** The first input of a request. */
    public static Object newRequestInput(Random random) {
        return Frame.generate(random);
    }

    /**
     * The code of {@code partition} of {@code component}. {@code partitionIndex}/{@code partitionCount}
     * say where it sits in its deployment's chain; {@code earlyExitProbability} is the declared share of
     * requests leaving after it, which sets the early-exit confidence threshold (calibrated on generated frames).
     */
    public static PartitionCode forPartition(String component, int partitionIndex, int partitionCount,
            double earlyExitProbability) {
        if (component.equals("blurry-faces")) {
            return new BlurryFaces();
        }
        if (component.equals("mask-detector")) {
            TinyCnn cnn = new TinyCnn(WEIGHT_SEED);
            if (partitionCount == 1) {
                return new MaskCounter(cnn, false);
            }
            if (partitionIndex == 0) {
                double threshold = threshold(cnn, earlyExitProbability);
                return input -> {
                    float[] features = cnn.features(asFrame(input));
                    boolean exit = cnn.exitConfidence(features) >= threshold;
                    return new PartitionCode.Result(features, exit);
                };
            }
            return new MaskCounter(cnn, true);
        }
        return new GenericWork(earlyExitProbability);
    }

    /** Whether that partition keeps state between requests (see {@link Stateful}): the mask-detector's classifier. */
    public static boolean isStateful(String component, int partitionIndex, int partitionCount) {
        return component.equals("mask-detector") && partitionIndex == partitionCount - 1;
    }

    static Frame asFrame(Object input) {
        return input instanceof Frame frame ? frame : Frame.generate(new Random(input == null ? 0 : input.hashCode()));
    }

    /** The confidence above which the declared share of generated frames exits early. */
    static double threshold(TinyCnn cnn, double earlyExitProbability) {
        if (earlyExitProbability <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (earlyExitProbability >= 1) {
            return Double.NEGATIVE_INFINITY;
        }
        Random random = new Random(7);
        List<Double> confidences = new ArrayList<>();
        for (int i = 0; i < CALIBRATION_FRAMES; i++) {
            confidences.add(cnn.exitConfidence(cnn.features(Frame.generate(random))));
        }
        Collections.sort(confidences);
        int index = (int) Math.floor((1 - earlyExitProbability) * CALIBRATION_FRAMES);
        return confidences.get(Math.min(CALIBRATION_FRAMES - 1, Math.max(0, index)));
    }

    /** Real work for components without their own code; exits early by a hash of the payload at the declared share. */
    static final class GenericWork implements PartitionCode {
        private final double earlyExitProbability;

        GenericWork(double earlyExitProbability) {
            this.earlyExitProbability = earlyExitProbability;
        }

        @Override
        public Result run(Object input) {
            float[] values = input instanceof Frame frame ? frame.pixels()
                    : input instanceof float[] floats ? floats : new float[256];
            double[] product = new double[16];
            long checksum = 17;
            for (int i = 0; i < values.length; i++) {
                checksum = checksum * 31 + Float.floatToIntBits(values[i]);
                product[i % 16] += values[i] * values[(i * 7) % values.length];
            }
            float[] output = new float[Math.min(values.length, 1024)];
            for (int i = 0; i < output.length; i++) {
                output[i] = (float) (values[i] * 0.5 + product[i % 16] * 1e-3);
            }
            double draw = (Math.floorMod(checksum, 10_000)) / 10_000.0;
            return new Result(output, draw < earlyExitProbability);
        }
    }
}
