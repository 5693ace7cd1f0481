package io.aisprint.cluster;

/**
 * The node running an attempt left the cluster (crashed, hung past the failure-detection
 * timeout, or was stopped). The task's failure policy decides whether it runs again elsewhere.
 */
public final class NodeLostException extends ClusterException {
    private final String node;

    public NodeLostException(String node, String message, Throwable cause) {
        super(message, cause);
        this.node = node;
    }

    public String node() {
        return node;
    }
}
