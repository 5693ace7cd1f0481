package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.cluster.ClusterWorker;
import io.aisprint.cluster.JvmFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver and two workers on a real network: each in its own Linux network namespace, joined by
 * veth pairs to a bridge, with {@code tc netem} adding the Raspberry Pi's uplink delay (the camera
 * site's 4G access delay, ND1: 50 ms) to everything the Pi sends. {@code aisprint run --join} then
 * measures the mask-detector (whose input is fetched from the Pi) and the path at or above it.
 * Needs root, iproute2 and the kernel's netem qdisc; skips saying which is missing.
 */
class NetworkNamespacesTest {
    private static final String PREFIX = "aisp12";
    private static final String BRIDGE = PREFIX + "br";
    private static final double UPLINK_DELAY_S = 0.05;
    private static final String[][] HOSTS = {{"drv", "10.112.0.1"}, {"pi", "10.112.0.2"}, {"vm", "10.112.0.3"}};

    @TempDir
    static Path dir;
    private static final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void network() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create network namespaces (CI runs as root)");
        assumeTrue(sh("ip", "-V") == 0, "needs iproute2 (ip, tc)");
        cleanUp();
        assumeTrue(sh("ip", "link", "add", BRIDGE, "type", "bridge") == 0, "cannot create a bridge here");
        sh("ip", "link", "set", BRIDGE, "up");
        for (String[] host : HOSTS) {
            String ns = PREFIX + host[0];
            must("ip", "netns", "add", ns);
            must("ip", "link", "add", ns + "a", "type", "veth", "peer", "name", ns + "b");
            must("ip", "link", "set", ns + "a", "master", BRIDGE, "up");
            must("ip", "link", "set", ns + "b", "netns", ns);
            must("ip", "netns", "exec", ns, "ip", "addr", "add", host[1] + "/24", "dev", ns + "b");
            must("ip", "netns", "exec", ns, "ip", "link", "set", ns + "b", "up");
            must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }
        int netem = sh("ip", "netns", "exec", PREFIX + "pi", "tc", "qdisc", "add", "dev", PREFIX + "pib", "root", "netem",
                "delay", Math.round(UPLINK_DELAY_S * 1000) + "ms");
        assumeTrue(netem == 0, "the kernel has no netem qdisc (sch_netem), so no delay can be added");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (String[] host : HOSTS) {
            sh("ip", "netns", "del", PREFIX + host[0]);
        }
        sh("ip", "link", "del", BRIDGE);
    }

    @Test
    void measuredTimesIncludeTheUplinkDelay() throws Exception {
        String join = "10.112.0.2:47500,10.112.0.3:47500";
        worker("pi", "10.112.0.2", "resource=RaspberryPi4", join);
        worker("vm", "10.112.0.3", "resource=VM-t3xlarge", join);
        Path report = dir.resolve("report");
        List<String> driver = java("drv");
        driver.addAll(List.of(io.aisprint.cli.Main.class.getName(), "run", example().toString(), "--join", join,
                "--host", "10.112.0.1", "--min-workers", "2", "--lambda", "2", "--duration", "8", "--no-replan",
                "--report", report.toString(), "--json"));
        Process run = new ProcessBuilder(driver).redirectErrorStream(false).redirectError(dir.resolve("driver.err").toFile())
                .redirectOutput(dir.resolve("driver.out").toFile()).start();
        processes.add(run);
        assertThat(run.waitFor(150, TimeUnit.SECONDS)).as("driver finished").isTrue();
        assertThat(run.exitValue()).as(Files.readString(dir.resolve("driver.err"))).isZero();
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("driver.out").toFile());
        assertThat(summary.get("backend").asText()).isEqualTo("cluster");
        assertThat(summary.get("requests_failed").asLong()).isZero();
        JsonNode times = summary.get("response_times_last_window");
        // The detector fetches its input from the Pi: the reply crosses the delayed uplink.
        assertThat(times.get("mask-detector").get("p50_s").asDouble()).isGreaterThanOrEqualTo(UPLINK_DELAY_S);
        // The path: the Pi's answer to the driver and the fetch both cross it.
        assertThat(times.get("path_to_mask-detector").get("p50_s").asDouble()).isGreaterThanOrEqualTo(2 * UPLINK_DELAY_S);
    }

    private static void worker(String name, String address, String labels, String join) throws IOException {
        List<String> command = java(name);
        command.addAll(List.of(ClusterWorker.class.getName(), "--name", name, "--host", address, "--join", join,
                "--labels", labels, "--cores", "1", "--port", "47500", "--failure-detection-ms", "5000"));
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
    }

    /** A JVM inside the namespace of {@code host}, with this test's class path. */
    private static List<String> java(String host) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", PREFIX + host,
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JvmFlags.IGNITE_ADD_OPENS);
        command.addAll(JvmFlags.IGNITE_QUIET);
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true", "-cp",
                System.getProperty("java.class.path")));
        return command;
    }

    private static Path example() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("examples/mask-detection"))) {
                return at.resolve("examples/mask-detection");
            }
        }
        throw new IllegalStateException("examples/mask-detection not found");
    }

    private static void must(String... command) throws Exception {
        int code = sh(command);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + code);
        }
    }

    private static int sh(String... command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(20, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException missing) {
            return -1;
        }
    }
}
