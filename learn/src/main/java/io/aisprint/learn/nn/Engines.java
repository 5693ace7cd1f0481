package io.aisprint.learn.nn;

import ai.djl.engine.Engine;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;

/** Loads DJL's PyTorch engine offline (natives from the pytorch-native-cpu jar, nothing downloaded). */
public final class Engines {
    private Engines() {
    }

    public static Engine pytorch() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            throw new LearnException(LearnErrorCode.ENGINE_UNAVAILABLE, "The PyTorch native library cannot be loaded: " + e
                + "\nMaybe the pytorch-native-cpu jar is missing from the class path, or this is not linux-x86_64.", e);
        }
    }

    /** Why the engine cannot load here, or null when it can. */
    public static String problem() {
        try {
            pytorch();
            return null;
        } catch (LearnException e) {
            return e.getMessage();
        }
    }
}
