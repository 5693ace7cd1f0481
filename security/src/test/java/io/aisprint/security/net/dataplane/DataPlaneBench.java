package io.aisprint.security.net.dataplane;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aisprint.security.net.Device;
import io.aisprint.security.net.Grant;
import io.aisprint.security.net.Ipv4Prefix;
import io.aisprint.security.net.NetworkPolicy;
import io.aisprint.security.net.PortRange;
import io.aisprint.security.net.Protocol;
import io.aisprint.security.net.Service;
import io.aisprint.security.net.pipeline.Packet;
import io.aisprint.security.net.pipeline.Pipeline;
import io.aisprint.security.net.pipeline.PolicyCompiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * bench/security: rule-set size and install time for 1k and 10k devices, and first-packet versus
 * later-packet latency with real connections. Not a test: run with
 * {@code mvn -pl security -am test -Dtest=DataPlaneBench -Daisprint.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DataPlaneBench {
    @Test
    void ruleSetsAndLatency() {
        assumeTrue(System.getProperty("aisprint.bench") != null, "bench: set -Daisprint.bench=true");
        assumeTrue(DataPlaneSupport.missing().isEmpty(), () -> "skipped: " + DataPlaneSupport.missing().orElseThrow());
        System.out.println("| devices | services | table entries | compile ms | proactive rule set (lines / KiB) | proactive install ms | 1 flow per device: batch install ms | one flow (controller) ms | classify µs/packet |");
        for (int devices : new int[] {1000, 10000}) {
            ruleSet(devices, 10);
        }
        latency(20);
    }

    static NetworkPolicy policy(int devices, int services) {
        List<Service> serviceList = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            serviceList.add(new Service("svc" + s, new Ipv4Prefix((10L << 24) | (60L << 16) | (s + 10), 32), new PortRange(8080, 8080), Protocol.TCP, "mec", "r1"));
        }
        List<Device> deviceList = new ArrayList<>();
        List<Grant> grants = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            long address = (10L << 24) | (64L << 16) | ((d / 250) << 8) | (d % 250 + 1);
            deviceList.add(new Device("sim" + d, new Ipv4Prefix(address, 32), 1, List.of("group" + d % services)));
        }
        for (int s = 0; s < services; s++) {
            grants.add(new Grant("group" + s, "svc" + s, true));
            grants.add(new Grant("group" + s, "svc" + (s + 1) % services, true));
        }
        return new NetworkPolicy(serviceList, deviceList, grants, List.of());
    }

    private static void ruleSet(int devices, int services) {
        NetworkPolicy policy = policy(devices, services);
        long start = System.nanoTime();
        Pipeline pipeline = PolicyCompiler.compile(policy);
        double compileMillis = (System.nanoTime() - start) / 1e6;
        int entries = pipeline.tables().stream().mapToInt(t -> t.size()).sum();
        String rules = NftRules.proactive(pipeline, DataPlane.PUNT_GROUP);
        String namespace = "aisp-bench-" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        Shell.run(List.of("ip", "netns", "add", namespace));
        try {
            double proactiveMillis = timeNft(namespace, rules);
            Shell.run(Shell.inNamespace(namespace, "nft", "delete", "table", "inet", "aisprint"));
            timeNft(namespace, NftRules.pathNode(DataPlane.PUNT_GROUP));
            List<Flow> flows = new ArrayList<>();
            for (Device device : policy.devices()) {
                flows.add(new Flow(device.address().address(), policy.services().get(0).address().address(), 6, 8080));
            }
            double batchMillis = timeNft(namespace, NftRules.addFlows(flows.subList(1, flows.size())));
            double[] single = new double[20];
            for (int i = 0; i < single.length; i++) {
                Flow flow = new Flow(0x0A630000L + i, flows.get(0).service(), 6, 8080);
                single[i] = timeNft(namespace, NftRules.addFlows(List.of(flow)));
            }
            long classifyStart = System.nanoTime();
            int packets = 200_000;
            for (int i = 0; i < packets; i++) {
                Device device = policy.devices().get(i % devices);
                pipeline.process(new Packet(device.address().address(), policy.services().get(i % services).address().address(), 6, 40000, 8080, 60));
            }
            double classifyMicros = (System.nanoTime() - classifyStart) / 1e3 / packets;
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %.0f | %d / %.0f | %.0f | %.0f | %.1f | %.2f |%n", devices, services, entries, compileMillis,
                rules.split("\n").length, rules.length() / 1024.0, proactiveMillis, batchMillis, median(single), classifyMicros);
        } finally {
            Shell.tryRun(List.of("ip", "netns", "del", namespace));
        }
    }

    private static double timeNft(String namespace, String script) {
        long start = System.nanoTime();
        Shell.run(Shell.inNamespace(namespace, "nft", "-f", "-"), script);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void latency(int devices) {
        NetworkPolicy policy = policy(devices, 1);
        System.out.println();
        System.out.println("| mode | first connection of a flow, median / p95 ms | later connections, median / p95 ms | echo round trip on an open connection, median µs |");
        for (boolean proactive : new boolean[] {false, true}) {
            try (DataPlane plane = DataPlane.start(policy, proactive)) {
                double[] first = new double[devices];
                double[] later = new double[devices * 5];
                double[] echo = new double[devices * 5];
                for (int d = 0; d < devices; d++) {
                    DataPlane.Connection connection = plane.connect(policy, "sim" + d, "svc0", 3000, 1);
                    first[d] = connection.connectMicros() / 1000.0;
                    for (int k = 0; k < 5; k++) {
                        DataPlane.Connection again = plane.connect(policy, "sim" + d, "svc0", 3000, 20);
                        later[d * 5 + k] = again.connectMicros() / 1000.0;
                        echo[d * 5 + k] = again.echoMicros();
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %.2f / %.2f | %.3f / %.3f | %.0f |%n", proactive ? "proactive (whole pipeline in the UPF)" : "controller (flow installed on first packet)",
                    median(first), percentile(first, 0.95), median(later), percentile(later, 0.95), median(echo));
            }
        }
    }

    static double median(double[] values) {
        return percentile(values, 0.5);
    }

    static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1) + 0.5))];
    }
}
