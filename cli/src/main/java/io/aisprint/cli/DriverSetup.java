package io.aisprint.cli;

import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.cluster.ClusterException;
import io.aisprint.runtime.NodeSpec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Joins the cluster as the driver of {@code run} or {@code profile} and waits for workers that stand for resources. */
final class DriverSetup {
    /** How long to wait for the first workers. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private DriverSetup() {
    }

    /** Workers already in the cluster become ready one by one: wait until their number holds for a moment. */
    private static List<NodeSpec> settle(ClusterDriver driver) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int seen = driver.workers().size();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - stableSince < Duration.ofMillis(2000).toNanos()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
            int now = driver.workers().size();
            if (now != seen) {
                seen = now;
                stableSince = System.nanoTime();
            }
        }
        return driver.workers();
    }

    /**
     * Joins {@code join} (bound to {@code host}, on the first join address's port range) and waits
     * until {@code minWorkers} workers labelled {@code resource=...} are ready; {@code out} gets a line.
     */
    static ClusterDriver join(List<String> join, String host, int minWorkers, PrintWriter out) {
        for (String address : join) {
            if (!address.matches("[^:\\s]+:\\d+(\\.\\.\\d+)?")) {
                throw new UserFacingException("--join '" + address + "' is not HOST:PORT or HOST:PORT..PORT.", ExitCodes.USAGE);
            }
        }
        if (minWorkers < 1) {
            throw new UserFacingException("--min-workers must be at least 1", ExitCodes.USAGE);
        }
        String first = join.get(0);
        String[] ports = first.substring(first.lastIndexOf(':') + 1).split("\\.\\.");
        int port = Integer.parseInt(ports[0]);
        int range = ports.length > 1 ? Math.max(1, Integer.parseInt(ports[1]) - port + 1) : 10;
        NodeSpec self = new NodeSpec("driver-" + ManagementFactory.getRuntimeMXBean().getPid(), 1, 256, 0, null, Map.of());
        ClusterConfig config = ClusterConfig.of(self, join).withLocalHost(host)
                .withPorts(port, ClusterConfig.DEFAULT_COMMUNICATION_PORT, range).withJoinTimeout(WAIT);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.ignite"))
                .setLevel(ch.qos.logback.classic.Level.OFF); // its connection-reset traces after a lost worker say nothing new
        ClusterDriver driver = ClusterDriver.start(config);
        try {
            driver.awaitWorkers(minWorkers, WAIT);
            List<NodeSpec> workers = settle(driver);
            if (workers.stream().noneMatch(w -> w.labels().containsKey("resource"))) {
                throw new ClusterException("no worker is labelled resource=R (workers: " + workers.stream().map(NodeSpec::name)
                        .toList() + ").\nMaybe start them with --labels resource=<a candidate resource of the application>");
            }
            if (out != null) {
                out.println("cluster: " + workers.size() + " worker(s) " + workers.stream().collect(Collectors.groupingBy(
                        w -> w.labels().getOrDefault("resource", "(no resource)"), java.util.TreeMap::new,
                        Collectors.mapping(NodeSpec::name, Collectors.toList()))));
                out.flush();
            }
            return driver;
        } catch (RuntimeException failed) {
            driver.close();
            throw failed;
        }
    }
}
