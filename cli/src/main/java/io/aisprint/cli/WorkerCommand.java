package io.aisprint.cli;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterException;
import io.aisprint.cluster.ClusterWorker;
import io.aisprint.runtime.NodeSpec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aisprint worker}: a cluster node that runs the task attempts drivers route to it. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = {
        "Start a worker: a cluster member (Apache Ignite) that advertises its capacity and labels and",
        "runs the tasks an application (the driver) routes to it. Start one per machine, then run the",
        "application with the same --join list; it joins the same cluster.",
        "",
        "Tasks whose constraints name labels (layer=edge, resource=RasPi4) run only on workers carrying",
        "them; a partition placed on resource R runs on a worker labelled resource=R. If a worker dies",
        "or hangs, the driver notices within the failure-detection time and re-runs its tasks on live",
        "workers under each task's failure policy.",
        "",
        "Examples:",
        "  aisprint worker --join 10.0.0.5:47500 --labels layer=edge,resource=RasPi4 --cores 4",
        "  aisprint worker --join 10.0.0.5:47500,10.0.0.6:47500 --host 10.0.0.7 --tls-dir /etc/aisprint/tls",
        "  aisprint worker --join 127.0.0.1:47500..47509 --check      (join, print the members, leave)",
        "  aisprint worker --join 127.0.0.1:47500..47509 --name pi --labels resource=RaspberryPi4 --speed 0.25",
        "",
        "A worker labelled resource=R is an instance of the application's candidate resource R:",
        "'aisprint run APP --join ...' places partitions on such workers. --speed emulates a slower",
        "device (the real work still runs; the extra time is reported apart).",
        "",
        "TLS: --tls-dir holds node.p12 (this node's key and certificate) and truststore.p12 (the CA it",
        "trusts), PKCS12, password in AISPRINT_TLS_PASSWORD. Every member must use TLS then.",
    },
    footer = {
        "",
        "Exit codes: 0 stopped cleanly (Ctrl-C) or --check succeeded, 1 could not join the cluster,",
        "2 usage error. The JVM needs Ignite's --add-opens flags; ./aisprint passes them.",
    })
public final class WorkerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--join", required = true, split = ",", paramLabel = "HOST:PORT",
            description = "Members to contact, comma separated; HOST:PORT..PORT covers a range.")
    List<String> join;

    @Option(names = "--name", paramLabel = "NAME", description = "This worker's name, unique in the cluster (default: the host name).")
    String name;

    @Option(names = "--cores", paramLabel = "N", description = "Cores offered to tasks (default: this machine's).")
    Integer cores;

    @Option(names = "--memory", paramLabel = "MB", description = "Memory offered to tasks in MiB (default: this JVM's maximum heap).")
    Long memoryMb;

    @Option(names = "--gpus", paramLabel = "G", defaultValue = "0", description = "GPUs offered to tasks (default: ${DEFAULT-VALUE}).")
    int gpus;

    @Option(names = "--labels", paramLabel = "K=V,...", defaultValue = "",
            description = "Labels tasks can require, e.g. layer=edge,resource=RasPi4.")
    String labels;

    @Option(names = "--speed", paramLabel = "F", defaultValue = "1",
            description = "Emulated speed, 0 < F <= 1: after each task's real work the worker holds its cores for"
                    + " compute × (1/F - 1) more, so this machine stands in for a slower device (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--classpath", split = ",", paramLabel = "JAR",
            description = "Jars (or class directories) with the application's own component classes, comma separated;"
                    + " their SHA-256 digests are printed.")
    List<Path> classpath = List.of();

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to bind and advertise to the other members (default: ${DEFAULT-VALUE}; use this machine's LAN address).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "47500", description = "First discovery port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--communication-port", paramLabel = "PORT", defaultValue = "47100",
            description = "First communication port (default: ${DEFAULT-VALUE}).")
    int communicationPort;

    @Option(names = "--port-range", paramLabel = "N", defaultValue = "10", description = "Ports tried after each first port (default: ${DEFAULT-VALUE}).")
    int portRange;

    @Option(names = "--failure-detection", paramLabel = "DURATION", defaultValue = "5s",
            description = "How long a silent member is tolerated: 3s..10s suits edge links (default: ${DEFAULT-VALUE}).")
    String failureDetection;

    @Option(names = "--join-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Give up joining after this long (default: ${DEFAULT-VALUE}).")
    String joinTimeout;

    @Option(names = "--tls-dir", paramLabel = "DIR", description = "Mutual TLS with the stores in DIR (node.p12, truststore.p12).")
    Path tlsDirectory;

    @Option(names = "--attest", paramLabel = "URL",
            description = "Attest to this trust service first; join with the certificate it grants (see docs/security.md).")
    java.net.URI attest;

    @Option(names = "--attest-ca", paramLabel = "PEM", description = "The trust service's CA certificate (its STATE/ca.pem).")
    Path attestCa;

    @Option(names = "--session", paramLabel = "NAME", description = "Session policy to attest under (with --attest).")
    String session;

    @Option(names = "--service", paramLabel = "NAME", defaultValue = "worker", description = "Service of that session (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--check", description = "Join, print the cluster's members and leave (tests connectivity and certificates).")
    boolean check;

    @Option(names = "--json", description = "Print the joined worker (and with --check, the members) as JSON.")
    boolean json;

    @Option(names = "--verbose", description = "Show Ignite's own warnings.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        ClusterConfig config = config();
        if (!verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.ignite")).setLevel(Level.ERROR);
        }
        // A long-running worker reports members leaving and tasks failing on it (io.aisprint.cluster, INFO and up).
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.aisprint.cluster")).setLevel(Level.INFO);
        Map<Path, String> digests;
        ClusterWorker worker;
        io.aisprint.cluster.AttestedJoin attested = null;
        try {
            if (attest != null) {
                if (attestCa == null || session == null) {
                    throw new UserFacingException("--attest needs --attest-ca PEM and --session NAME", ExitCodes.USAGE);
                }
                attested = io.aisprint.cluster.AttestedJoin.attest(config, attest, attestCa, session, service);
                config = attested.config();
            }
            digests = ClusterWorker.installApplicationClassPath(classpath);
            worker = ClusterWorker.start(config);
            if (attested != null) {
                attested.stopWhenRevoked(worker);
            }
        } catch (ClusterException failed) {
            throw new UserFacingException(failed.getMessage(), ExitCodes.INVALID);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> report = new LinkedHashMap<>();
        NodeSpec node = config.node();
        report.put("name", node.name());
        report.put("cores", node.cores());
        report.put("memoryMb", node.memoryMb());
        report.put("gpus", node.gpus());
        report.put("labels", node.labels());
        report.put("members", worker.clusterSize());
        List<String> others = worker.otherMembers();
        report.put("memberNames", others);
        report.put("tls", config.tlsDirectory() != null);
        report.put("speed", speed);
        Map<String, String> jars = new LinkedHashMap<>();
        digests.forEach((jar, digest) -> jars.put(jar.toString(), digest));
        report.put("classpath", jars);
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(report));
        } else {
            out.printf("worker %s joined a cluster of %d members (%d cores, %d MiB, %d GPUs, labels %s, TLS %s)%n",
                    node.name(), worker.clusterSize(), node.cores(), node.memoryMb(), node.gpus(), node.labels(),
                    config.tlsDirectory() != null ? "on" : "off");
            digests.forEach((jar, digest) -> out.printf("  class path %s sha256 %s%n", jar, digest));
            if (check) {
                others.forEach(member -> out.printf("  member %s%n", member));
            }
        }
        out.flush();
        if (check) {
            worker.close();
            if (others.isEmpty()) {
                // Ignite forms a cluster of one when nobody answers: for a connectivity check that is a failure.
                throw new UserFacingException("--check found no other member at " + String.join(",", join)
                        + ": nothing answered there\nMaybe start a driver or another worker first, or check the addresses,"
                        + " firewalls and --tls-dir.", ExitCodes.INVALID);
            }
            return ExitCodes.OK;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "aisprint-worker-stop"));
        worker.awaitStop();
        return ExitCodes.OK;
    }

    ClusterConfig config() {
        Map<String, String> parsedLabels;
        try {
            parsedLabels = ClusterWorker.parseLabels(labels);
        } catch (ClusterException bad) {
            throw new UserFacingException("--labels: " + bad.getMessage(), ExitCodes.USAGE);
        }
        int offeredCores = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        long offeredMemory = memoryMb != null ? memoryMb : Runtime.getRuntime().maxMemory() / (1024 * 1024);
        if (!(speed > 0 && speed <= 1)) {
            throw new UserFacingException("--speed " + speed + " must be above 0 and at most 1 (0.25: four times slower than"
                    + " this machine).", ExitCodes.USAGE);
        }
        if (speed < 1) {
            parsedLabels = new LinkedHashMap<>(parsedLabels);
            parsedLabels.put("speed", Double.toString(speed));
        }
        if (offeredCores < 1 || offeredMemory < 0 || gpus < 0) {
            throw new UserFacingException("--cores must be at least 1 and --memory, --gpus not negative.", ExitCodes.USAGE);
        }
        for (String address : join) {
            if (!address.matches("[^:\\s]+:\\d+(\\.\\.\\d+)?")) {
                throw new UserFacingException("--join '" + address + "' is not HOST:PORT or HOST:PORT..PORT.", ExitCodes.USAGE);
            }
        }
        char[] password = null;
        if (tlsDirectory != null) {
            String text = System.getenv("AISPRINT_TLS_PASSWORD");
            if (text == null) {
                throw new UserFacingException("--tls-dir needs the key store password in the environment variable"
                        + " AISPRINT_TLS_PASSWORD.", ExitCodes.USAGE);
            }
            password = text.toCharArray();
        }
        NodeSpec node = new NodeSpec(name != null ? name : hostName(), offeredCores, offeredMemory, gpus, null, parsedLabels);
        try {
            ClusterConfig config = ClusterConfig.of(node, join).withLocalHost(host).withPorts(port, communicationPort, portRange)
                    .withFailureDetection(duration("--failure-detection", failureDetection))
                    .withJoinTimeout(duration("--join-timeout", joinTimeout));
            return tlsDirectory == null ? config : config.withTls(tlsDirectory, password);
        } catch (ClusterException bad) {
            throw new UserFacingException(bad.getMessage(), ExitCodes.USAGE);
        }
    }

    static Duration duration(String option, String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UserFacingException(option + " '" + text + "' is not a duration like 500ms, 3s or 2m.", ExitCodes.USAGE);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException unknown) {
            return "worker-" + ManagementFactory.getRuntimeMXBean().getPid();
        }
    }

}
