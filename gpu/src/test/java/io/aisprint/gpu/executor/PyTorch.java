package io.aisprint.gpu.executor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;

/** Test guard: DJL tests run wherever the PyTorch native library loads, and skip with the reason elsewhere. */
public final class PyTorch {
    private static String problem;
    private static boolean checked;

    private PyTorch() {
    }

    /** Loads the engine once in the test JVM (this also unpacks the natives into the DJL cache the jobs reuse). */
    public static synchronized void assumeAvailable() {
        if (!checked) {
            checked = true;
            System.setProperty("ai.djl.offline", "true");
            try {
                Engine.getEngine("PyTorch");
            } catch (RuntimeException | LinkageError e) {
                problem = e.toString();
            }
        }
        assumeTrue(problem == null, () -> "PyTorch native library cannot be loaded here: " + problem);
    }
}
