package io.aisprint.cluster;

import java.io.Serializable;

/**
 * A result kept on the node that produced it. Passing it to another remote body moves the
 * value once, on demand, to the node that needs it (later readers there use the copy); the
 * driver reads it with {@link ClusterDriver#fetch}.
 *
 * @param node the node holding the value
 * @param key  its key in that node's store
 */
public record RemoteRef<T>(String node, String key) implements Serializable {
}
