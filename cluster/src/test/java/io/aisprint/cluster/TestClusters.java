package io.aisprint.cluster;

import io.aisprint.runtime.NodeSpec;
import java.time.Duration;
import java.util.Map;

/** Shared settings for tests: loopback, a free port block per test class, 3 s failure detection. */
final class TestClusters {
    static final NodeSpec EDGE = new NodeSpec("w1", 2, 4096, 0, null, Map.of("layer", "edge", "resource", "RasPi4"));
    static final NodeSpec CLOUD = new NodeSpec("w2", 2, 4096, 0, null, Map.of("layer", "cloud", "resource", "VM1"));

    private TestClusters() {
    }

    static ClusterConfig config(String name, int discoveryPort) {
        return ClusterConfig.of(new NodeSpec(name, 1, 1024, 0, null, Map.of()), ClusterConfig.loopback(discoveryPort, 10))
                .withPorts(discoveryPort, discoveryPort + 100, 10)
                .withFailureDetection(Duration.ofSeconds(3))
                .withJoinTimeout(Duration.ofSeconds(20));
    }

    /** A free port block (see {@link io.aisprint.testsupport.FreePorts#block}). */
    static int freePortBlock() {
        return io.aisprint.testsupport.FreePorts.block();
    }

    static String labels(NodeSpec spec) {
        return String.join(",", spec.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
    }
}
