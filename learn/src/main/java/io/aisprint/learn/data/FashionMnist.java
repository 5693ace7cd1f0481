package io.aisprint.learn.data;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fashion-MNIST (Xiao et al. 2017; 60,000 training and 10,000 test 28×28 grey images, 10
 * classes) from the IDX files that Debian's {@code dataset-fashion-mnist} package installs in
 * {@link #DEBIAN_DIRECTORY}. Pixels are scaled to [0, 1] then standardised with the training
 * set's mean and deviation (the values the PyTorch reference in bench/learn uses too).
 */
public final class FashionMnist {
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    public static final int CLASSES = 10;
    static final float MEAN = 0.2860f;
    static final float DEVIATION = 0.3530f;

    /** Both halves of the data set. */
    public record Splits(ImageSet train, ImageSet test) {
    }

    private FashionMnist() {
    }

    /** The Debian directory when it holds the data set. */
    public static Optional<Path> installed() {
        return Files.isRegularFile(DEBIAN_DIRECTORY.resolve("train-images-idx3-ubyte.gz")) ? Optional.of(DEBIAN_DIRECTORY) : Optional.empty();
    }

    public static Splits load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new LearnException(LearnErrorCode.DATA_UNREADABLE, "Cannot read the Fashion-MNIST folder " + directory
                + ": not a directory.\nMaybe install the Debian package dataset-fashion-mnist (it fills " + DEBIAN_DIRECTORY + ").");
        }
        return new Splits(load(directory, "train"), load(directory, "t10k"));
    }

    /** One half: {@code train} or {@code t10k}. */
    public static ImageSet load(Path directory, String prefix) {
        IdxFile.Contents images = IdxFile.read(file(directory, prefix + "-images-idx3-ubyte"), 3);
        IdxFile.Contents labels = IdxFile.read(file(directory, prefix + "-labels-idx1-ubyte"), 1);
        if (images.dimensions()[0] != labels.dimensions()[0]) {
            throw new LearnException(LearnErrorCode.DATA_INVALID, String.format("%s: %d images but %d labels.",
                directory.resolve(prefix + "-*"), images.dimensions()[0], labels.dimensions()[0]));
        }
        int[] labelValues = new int[labels.data().length];
        for (int i = 0; i < labelValues.length; i++) {
            labelValues[i] = labels.data()[i] & 0xff;
            if (labelValues[i] >= CLASSES) {
                throw new LearnException(LearnErrorCode.DATA_INVALID, String.format("%s: label %d of image %d is not in 0..9.",
                    file(directory, prefix + "-labels-idx1-ubyte"), labelValues[i], i));
            }
        }
        return new ImageSet(images.dimensions()[1], images.dimensions()[2], CLASSES, images.data(), labelValues, MEAN, DEVIATION);
    }

    private static Path file(Path directory, String name) {
        Path plain = directory.resolve(name);
        return Files.exists(plain) ? plain : directory.resolve(name + ".gz");
    }
}
