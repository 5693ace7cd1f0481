package io.aisprint.cluster;

import io.aisprint.cluster.internal.ApplicationClassPath;
import io.aisprint.cluster.internal.IgniteNodes;
import io.aisprint.cluster.internal.NodeAttributes;
import io.aisprint.runtime.NodeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process: a cluster member that advertises its capacity and labels and runs the
 * attempts drivers route to it. {@code aisprint worker} starts one; tests start them with
 * {@link #main} in separate JVMs.
 */
public final class ClusterWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterWorker.class);
    private final Ignite ignite;
    private final NodeSpec spec;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ClusterWorker(Ignite ignite, NodeSpec spec) {
        this.ignite = ignite;
        this.spec = spec;
    }

    public static ClusterWorker start(ClusterConfig config) {
        Ignite ignite = IgniteNodes.start(config, NodeAttributes.WORKER);
        // A worker's operator wants to see in its own log when a driver or a peer goes away.
        ignite.events().localListen(event -> {
            ClusterNode gone = ((DiscoveryEvent) event).eventNode();
            if (event.type() == EventType.EVT_NODE_FAILED) {
                LOG.warn("member {} failed and was dropped from the cluster", NodeAttributes.name(gone));
            } else {
                LOG.info("member {} left the cluster", NodeAttributes.name(gone));
            }
            return true;
        }, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
        return new ClusterWorker(ignite, config.node());
    }

    /**
     * Adds a user's application jars ({@code aisprint worker --classpath}) to the classes bodies
     * may use in this process; call it before {@link #start}. Returns each jar's SHA-256.
     */
    public static Map<Path, String> installApplicationClassPath(List<Path> jars) {
        return ApplicationClassPath.install(jars);
    }

    public NodeSpec spec() {
        return spec;
    }

    /** How many members (workers and drivers) this worker sees. */
    public int clusterSize() {
        return ignite.cluster().nodes().size();
    }

    /**
     * The other members this worker sees, each as "name (role)" or "name (worker, labels)",
     * sorted by name: what {@code aisprint worker --check} prints.
     */
    public List<String> otherMembers() {
        List<String> members = new ArrayList<>();
        for (org.apache.ignite.cluster.ClusterNode node : ignite.cluster().forRemotes().nodes()) {
            if (NodeAttributes.isWorker(node)) {
                NodeSpec other = NodeAttributes.decode(node);
                members.add(other.name() + " (worker" + (other.labels().isEmpty() ? "" : ", " + labelText(other.labels())) + ")");
            } else {
                Object role = node.attribute(NodeAttributes.ROLE);
                members.add(NodeAttributes.name(node) + " (" + (role != null ? role : "unknown role") + ")");
            }
        }
        members.sort(null);
        return members;
    }

    private static String labelText(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        labels.forEach((key, value) -> text.append(text.length() == 0 ? "" : ",").append(key).append('=').append(value));
        return text.toString();
    }

    /** Blocks until {@link #close} is called (or the process is stopped). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        try {
            IgniteNodes.stop(ignite);
        } finally {
            stopped.countDown();
        }
    }

    /**
     * Minimal entry point for spawned worker JVMs:
     * {@code --name N --join H:P[,..] [--port P] [--communication-port P] [--port-range R] [--cores C]
     * [--memory MB] [--gpus G] [--labels k=v,..] [--tls-dir DIR] [--failure-detection-ms MS]
     * [--attest URL --attest-ca PEM --session S --service NAME]}.
     * The TLS password comes from the environment variable {@code AISPRINT_TLS_PASSWORD}.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new ClusterException("expected an option at '" + args[i] + "' in " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        ClusterConfig config = configFrom(options);
        AttestedJoin attested = AttestedJoin.fromOptions(options, config);
        config = attested == null ? config : attested.config();
        ClusterWorker worker = start(config);
        if (attested != null) {
            attested.stopWhenRevoked(worker);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "aisprint-worker-stop"));
        System.out.println("aisprint worker " + config.node().name() + " joined a cluster of " + worker.clusterSize()
                + " members");
        System.out.flush();
        worker.awaitStop();
    }

    static ClusterConfig configFrom(Map<String, String> options) {
        String name = require(options, "name");
        NodeSpec spec = new NodeSpec(name, Integer.parseInt(options.getOrDefault("cores", "2")),
                Long.parseLong(options.getOrDefault("memory", "4096")), Integer.parseInt(options.getOrDefault("gpus", "0")),
                null, parseLabels(options.getOrDefault("labels", "")));
        List<String> join = new ArrayList<>(Arrays.asList(require(options, "join").split(",")));
        ClusterConfig config = ClusterConfig.of(spec, join).withPorts(
                Integer.parseInt(options.getOrDefault("port", Integer.toString(ClusterConfig.DEFAULT_DISCOVERY_PORT))),
                Integer.parseInt(options.getOrDefault("communication-port",
                        Integer.toString(ClusterConfig.DEFAULT_COMMUNICATION_PORT))),
                Integer.parseInt(options.getOrDefault("port-range", "10")));
        if (options.containsKey("host")) {
            config = config.withLocalHost(options.get("host"));
        }
        if (options.containsKey("failure-detection-ms")) {
            config = config.withFailureDetection(Duration.ofMillis(Long.parseLong(options.get("failure-detection-ms"))));
        }
        if (options.containsKey("tls-dir")) {
            String password = System.getenv("AISPRINT_TLS_PASSWORD");
            config = config.withTls(Path.of(options.get("tls-dir")), password == null ? null : password.toCharArray());
        }
        return config;
    }

    /** Parses {@code layer=edge,resource=RasPi4}. */
    public static Map<String, String> parseLabels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new ClusterException("label '" + pair.trim() + "' must look like key=value, for example layer=edge");
            }
            labels.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return labels;
    }

    private static String require(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new ClusterException("missing --" + key);
        }
        return value;
    }
}
