package io.aisprint.cluster;

import io.aisprint.cluster.internal.ClusterBackend;
import io.aisprint.cluster.internal.DriverSession;
import io.aisprint.cluster.internal.RemoteJob;
import io.aisprint.runtime.spi.NodeBackend;
import io.aisprint.runtime.spi.NodeBackendConformanceKit;

/**
 * The runtime's backend conformance kit on the cluster backend's driver side (the kit's work
 * items are plain local bodies; remote bodies are covered by {@link ClusterBehaviourTest}).
 */
class ClusterBackendConformanceTest extends NodeBackendConformanceKit {

    @Override
    protected NodeBackend newBackend() {
        return new ClusterBackend(new DriverSession() {
            @Override
            public io.aisprint.cluster.internal.RemoteResult call(String nodeName, String taskName, int attempt, RemoteJob job) {
                throw new UnsupportedOperationException("the kit runs no remote bodies");
            }

            @Override
            public void attemptEnded(String nodeName) {
            }

            @Override
            public void runtimeClosed() {
            }
        }, 1);
    }
}
