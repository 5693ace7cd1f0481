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

    /**
     * A discovery port block free right now: ten discovery ports P..P+9 and ten communication
     * ports P+100..P+109, at a random place in 20000..39990. Fixed blocks (47500 ...) let a test
     * cluster join another one running on the same machine at the same time.
     */
    static int freePortBlock() {
        java.util.SplittableRandom random = new java.util.SplittableRandom();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + 10 * random.nextInt(2_000);
            if (free(base, 10) && free(base + 100, 10)) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of loopback ports for a test cluster");
    }

    private static boolean free(int from, int count) {
        for (int port = from; port < from + count; port++) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (java.io.IOException taken) {
                return false;
            }
        }
        return true;
    }

    static String labels(NodeSpec spec) {
        return String.join(",", spec.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
    }
}
