package io.aisprint.gpu;

import java.nio.file.Path;

/** The GPU-scheduler reference data in the anchors (tests skip when it is absent). */
final class Anchors {
    private Anchors() {
    }

    static Path gpuScheduler() {
        return io.aisprint.testsupport.Anchors.require("gpu-scheduler");
    }

    static Path data() {
        return gpuScheduler().resolve("data");
    }
}
