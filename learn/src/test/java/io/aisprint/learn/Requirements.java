package io.aisprint.learn;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aisprint.learn.data.FashionMnist;
import io.aisprint.learn.data.ImageSet;
import io.aisprint.learn.nn.Engines;

/** Test guards: skip with the reason where the data set package or the PyTorch library is missing. */
public final class Requirements {
    private static String engineProblem;
    private static boolean engineChecked;
    private static FashionMnist.Splits data;

    private Requirements() {
    }

    public static synchronized void assumePyTorch() {
        if (!engineChecked) {
            engineChecked = true;
            engineProblem = Engines.problem();
        }
        assumeTrue(engineProblem == null, () -> "PyTorch native library cannot be loaded here: " + engineProblem);
    }

    /** The installed Fashion-MNIST (loaded once per test JVM). */
    public static synchronized FashionMnist.Splits fashionMnist() {
        assumeTrue(FashionMnist.installed().isPresent(),
            "Fashion-MNIST is not installed in " + FashionMnist.DEBIAN_DIRECTORY + " (apt-get install dataset-fashion-mnist)");
        if (data == null) {
            data = FashionMnist.load(FashionMnist.DEBIAN_DIRECTORY);
        }
        return data;
    }

    public static ImageSet train(int count) {
        return fashionMnist().train().head(count);
    }

    public static ImageSet test(int count) {
        return fashionMnist().test().head(count);
    }
}
