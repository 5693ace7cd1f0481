package io.aisprint.cluster;

import io.aisprint.runtime.NodeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a process joins the cluster.
 *
 * @param node               this process's name, capacity and labels (a driver advertises none to tasks)
 * @param join               addresses of members to contact, {@code host:port} or {@code host:port..port}
 * @param localHost          the address to bind and advertise (127.0.0.1 for loopback tests)
 * @param discoveryPort      first discovery port; the next {@code portRange - 1} are tried too
 * @param communicationPort  first communication port
 * @param portRange          how many ports after each first port may be used
 * @param failureDetection   how long a silent member is tolerated before it is dropped
 * @param tlsDirectory       a directory with {@code node.p12} and {@code truststore.p12}, or null for plain TCP
 * @param tlsPassword        the password of both stores (null when no TLS)
 * @param joinTimeout        how long to try to join before giving up (zero waits forever)
 */
public record ClusterConfig(NodeSpec node, List<String> join, String localHost, int discoveryPort,
        int communicationPort, int portRange, Duration failureDetection, Path tlsDirectory, char[] tlsPassword,
        Duration joinTimeout) {

    public static final int DEFAULT_DISCOVERY_PORT = 47500;
    public static final int DEFAULT_COMMUNICATION_PORT = 47100;
    public static final Duration DEFAULT_FAILURE_DETECTION = Duration.ofSeconds(5);

    public ClusterConfig {
        Objects.requireNonNull(node, "node");
        join = List.copyOf(Objects.requireNonNull(join, "join"));
        Objects.requireNonNull(localHost, "localHost");
        Objects.requireNonNull(failureDetection, "failureDetection");
        Objects.requireNonNull(joinTimeout, "joinTimeout");
        if (portRange < 1) {
            throw new ClusterException("portRange is " + portRange + " but must be at least 1");
        }
        if (failureDetection.toMillis() < 500) {
            throw new ClusterException("failure detection of " + failureDetection.toMillis()
                    + " ms is too short; use at least 500 ms (3-10 s suits edge links)");
        }
    }

    /** Defaults for a node: loopback, default ports, 5 s failure detection, no TLS, joins within 30 s. */
    public static ClusterConfig of(NodeSpec node, List<String> join) {
        return new ClusterConfig(node, join, "127.0.0.1", DEFAULT_DISCOVERY_PORT, DEFAULT_COMMUNICATION_PORT, 10,
                DEFAULT_FAILURE_DETECTION, null, null, Duration.ofSeconds(30));
    }

    public ClusterConfig withPorts(int discovery, int communication, int range) {
        return new ClusterConfig(node, join, localHost, discovery, communication, range, failureDetection, tlsDirectory,
                tlsPassword, joinTimeout);
    }

    public ClusterConfig withLocalHost(String value) {
        return new ClusterConfig(node, join, value, discoveryPort, communicationPort, portRange, failureDetection,
                tlsDirectory, tlsPassword, joinTimeout);
    }

    public ClusterConfig withFailureDetection(Duration value) {
        return new ClusterConfig(node, join, localHost, discoveryPort, communicationPort, portRange, value, tlsDirectory,
                tlsPassword, joinTimeout);
    }

    public ClusterConfig withTls(Path directory, char[] password) {
        return new ClusterConfig(node, join, localHost, discoveryPort, communicationPort, portRange, failureDetection,
                directory, password, joinTimeout);
    }

    public ClusterConfig withJoinTimeout(Duration value) {
        return new ClusterConfig(node, join, localHost, discoveryPort, communicationPort, portRange, failureDetection,
                tlsDirectory, tlsPassword, value);
    }

    /** Loopback discovery addresses covering {@code range} ports from {@code firstPort}. */
    public static List<String> loopback(int firstPort, int range) {
        return List.of("127.0.0.1:" + firstPort + ".." + (firstPort + range - 1));
    }
}
