package io.aisprint.runtime.spi;

import io.aisprint.runtime.internal.InProcessBackend;

class InProcessBackendConformanceTest extends NodeBackendConformanceKit {
    @Override
    protected NodeBackend newBackend() {
        return new InProcessBackend();
    }
}
