package io.aisprint.cluster;

/**
 * The node running an attempt left the cluster (crashed, hung past the failure-detection
 * timeout, or was stopped). The runtime runs the attempt again on a live matching node, whatever
 * the task's failure policy, up to {@link io.aisprint.runtime.spi.NodeLoss#RERUNS} times.
 */
public final class NodeLostException extends ClusterException implements io.aisprint.runtime.spi.NodeLoss {
    private final String node;

    public NodeLostException(String node, String message, Throwable cause) {
        super(message, cause);
        this.node = node;
    }

    public String node() {
        return node;
    }
}
