package io.aisprint.security.net.dataplane;

import io.aisprint.security.net.Device;
import io.aisprint.security.net.Ipv4Prefix;
import io.aisprint.security.net.NetworkPolicy;
import io.aisprint.security.net.Service;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The namespaces that stand for a 5G local breakout: {@code ue} (the devices' addresses), the
 * breakout {@code upf}, two transport nodes {@code r1} and {@code r2} towards the MEC site, and
 * {@code mec} (the services' addresses). Links are veth pairs with /30 transit subnets from
 * 10.255.0.0/16; all addresses exist only inside these namespaces. Names carry a random run id so
 * runs side by side do not collide; {@link #close} deletes every namespace (and so every veth).
 */
public final class Topology implements AutoCloseable {
    public static final List<String> PATH_NODES = List.of("upf", "r1", "r2");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String runId;
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final List<String> created = new ArrayList<>();

    private Topology(String runId) {
        this.runId = runId;
        for (String role : List.of("ue", "upf", "r1", "r2", "mec")) {
            namespaces.put(role, "aisp-" + runId + "-" + role);
        }
    }

    /** Creates the namespaces, links and routes for this policy's devices and services. */
    public static Topology create(NetworkPolicy policy) {
        Ipv4Prefix transit = Ipv4Prefix.parse("10.255.0.0/16");
        List<String> clashes = new ArrayList<>();
        policy.devices().stream().filter(d -> overlaps(d.address(), transit)).forEach(d -> clashes.add("device " + d.sim() + " (" + d.address() + ")"));
        policy.services().stream().filter(s -> overlaps(s.address(), transit)).forEach(s -> clashes.add("service " + s.name() + " (" + s.address() + ")"));
        if (!clashes.isEmpty()) {
            throw new io.aisprint.security.net.NetException(io.aisprint.security.net.NetException.Code.INVALID_POLICY,
                String.join(", ", clashes) + ": 10.255.0.0/16 is reserved for the data plane's transit links\nMaybe give them addresses outside it");
        }
        Topology topology = new Topology(String.format(Locale.ROOT, "%06x", RANDOM.nextInt(1 << 24)));
        try {
            topology.build(policy);
            return topology;
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    public String runId() {
        return runId;
    }

    public String namespace(String role) {
        return namespaces.get(role);
    }

    private void build(NetworkPolicy policy) {
        for (String namespace : namespaces.values()) {
            Shell.run(List.of("ip", "netns", "add", namespace));
            created.add(namespace);
            ip(namespace, "link", "set", "lo", "up");
        }
        link("ue", "10.255.0.1", "upf", "10.255.0.2", "a");
        link("upf", "10.255.1.1", "r1", "10.255.1.2", "b");
        link("upf", "10.255.2.1", "r2", "10.255.2.2", "c");
        link("r1", "10.255.3.1", "mec", "10.255.3.2", "d");
        link("r2", "10.255.4.1", "mec", "10.255.4.2", "e");
        for (String router : PATH_NODES) {
            Shell.run(Shell.inNamespace(namespace(router), "sysctl", "-qw", "net.ipv4.ip_forward=1"));
        }
        ip(namespace("ue"), "route", "add", "default", "via", "10.255.0.2");
        ip(namespace("r1"), "route", "add", "default", "via", "10.255.1.1");
        ip(namespace("r2"), "route", "add", "default", "via", "10.255.2.1");
        // The MEC site answers over the transport node its service's traffic came in by (one routing table per node).
        ip(namespace("mec"), "route", "add", "default", "via", "10.255.3.1", "table", "1");
        ip(namespace("mec"), "route", "add", "default", "via", "10.255.4.1", "table", "2");
        Set<Ipv4Prefix> devicePrefixes = new LinkedHashSet<>();
        for (Device device : policy.devices()) {
            if (devicePrefixes.add(device.address())) {
                ip(namespace("ue"), "addr", "add", Ipv4Prefix.format(device.address().firstHost()) + "/32", "dev", "lo");
                ip(namespace("upf"), "route", "add", device.address().toString(), "via", "10.255.0.1");
            }
        }
        Set<Ipv4Prefix> servicePrefixes = new LinkedHashSet<>();
        for (Service service : policy.services()) {
            if (servicePrefixes.add(service.address())) {
                ip(namespace("mec"), "addr", "add", Ipv4Prefix.format(serviceAddress(service)) + "/32", "dev", "lo");
                ip(namespace("r1"), "route", "add", service.address().toString(), "via", "10.255.3.2");
                ip(namespace("r2"), "route", "add", service.address().toString(), "via", "10.255.4.2");
                route(service);
            }
        }
    }

    /** Points the service's traffic (both directions) over its {@code via} transport node. */
    public void route(Service service) {
        String next = service.via().equals("r2") ? "10.255.2.2" : "10.255.1.2";
        ip(namespace("upf"), "route", "replace", service.address().toString(), "via", next);
        String table = service.via().equals("r2") ? "2" : "1";
        String from = service.address().toString();
        Shell.tryRun(List.of("ip", "-n", namespace("mec"), "rule", "del", "from", from));
        ip(namespace("mec"), "rule", "add", "from", from, "table", table);
    }

    private static boolean overlaps(Ipv4Prefix a, Ipv4Prefix b) {
        int shorter = Math.min(a.length(), b.length());
        return (a.address() & Ipv4Prefix.mask(shorter)) == (b.address() & Ipv4Prefix.mask(shorter));
    }

    /** The address a service listens on: the prefix itself for a /32, else its first host. */
    public static long serviceAddress(Service service) {
        return service.address().firstHost();
    }

    private void link(String left, String leftAddress, String right, String rightAddress, String tag) {
        String leftName = "v" + runId + tag + "l";
        String rightName = "v" + runId + tag + "r";
        Shell.run(List.of("ip", "link", "add", leftName, "netns", namespace(left), "type", "veth", "peer", "name", rightName, "netns", namespace(right)));
        ip(namespace(left), "addr", "add", leftAddress + "/30", "dev", leftName);
        ip(namespace(right), "addr", "add", rightAddress + "/30", "dev", rightName);
        ip(namespace(left), "link", "set", leftName, "up");
        ip(namespace(right), "link", "set", rightName, "up");
    }

    private static void ip(String namespace, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
        command.addAll(List.of(args));
        Shell.run(command);
    }

    @Override
    public void close() {
        for (String namespace : created) {
            Shell.tryRun(List.of("ip", "netns", "del", namespace));
        }
        created.clear();
    }
}
