package io.aisprint.cluster;

/** A cluster problem with a message meant for the user: what went wrong and what to try. */
public class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
