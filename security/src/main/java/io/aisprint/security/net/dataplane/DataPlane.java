package io.aisprint.security.net.dataplane;

import io.aisprint.security.net.Device;
import io.aisprint.security.net.Ipv4Prefix;
import io.aisprint.security.net.NetException;
import io.aisprint.security.net.NetworkPolicy;
import io.aisprint.security.net.Service;
import io.aisprint.security.net.pipeline.PolicyCompiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A running data plane: the namespaces, the rule sets on the path nodes, echo listeners for
 * every service in the MEC namespace, and either the controller (reactive: flows installed on the
 * first packet) or the whole compiled pipeline in the UPF (proactive: no controller).
 */
public final class DataPlane implements AutoCloseable {
    /** The NFLOG group the UPF punts to (namespaces have their own groups, so runs side by side do not mix). */
    public static final int PUNT_GROUP = 7;

    /** What one connection attempt saw. */
    public record Connection(boolean connected, long connectMicros, long echoMicros, String detail) {
    }

    private final Topology topology;
    private final List<NetnsAgent> agents = new ArrayList<>();
    private final NetnsAgent ue;
    private final FlowController controller;
    private final long installMicros;
    private final java.util.concurrent.ExecutorService decisions = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flow-controller");
        thread.setDaemon(true);
        return thread;
    });

    private DataPlane(NetworkPolicy policy, boolean proactive) {
        topology = Topology.create(policy);
        try {
            Path script = NetnsAgent.extractScript();
            long start = System.nanoTime();
            if (proactive) {
                nft("upf", NftRules.proactive(PolicyCompiler.compile(policy), PUNT_GROUP));
                nft("r1", NftRules.pathNode(-1).replace("policy drop", "policy accept"));
                nft("r2", NftRules.pathNode(-1).replace("policy drop", "policy accept"));
            } else {
                nft("upf", NftRules.pathNode(PUNT_GROUP));
                nft("r1", NftRules.pathNode(-1));
                nft("r2", NftRules.pathNode(-1));
            }
            installMicros = (System.nanoTime() - start) / 1000;
            NetnsAgent mec = start("mec", script);
            Set<String> listening = new HashSet<>();
            for (Service service : policy.services()) {
                String address = Ipv4Prefix.format(Topology.serviceAddress(service));
                for (int port : new java.util.TreeSet<>(List.of(service.port().low(), service.port().high()))) {
                    if (listening.add(address + ":" + port)) {
                        mec.require(5000, "listen", address, Integer.toString(port));
                    }
                }
            }
            ue = start("ue", script);
            if (proactive) {
                controller = null;
            } else {
                controller = new FlowController(topology, policy);
                NetnsAgent upf = start("upf", script);
                // Decisions run off the agent's reader thread: releasing the packet is a call to the same agent.
                upf.onPunt(words -> decisions.execute(() -> {
                    try {
                        if (controller.onPunt(words).allowed()) {
                            upf.call(5000, "release", words[1]);
                        }
                    } catch (RuntimeException e) {
                        // a failed install leaves the flow dropped (fail closed); the next retransmission is punted again
                    }
                }));
                upf.require(5000, "nflog", Integer.toString(PUNT_GROUP));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static DataPlane start(NetworkPolicy policy, boolean proactive) {
        DataPlaneSupport.missing().ifPresent(reason -> {
            throw new NetException(NetException.Code.DATAPLANE_UNAVAILABLE, reason);
        });
        return new DataPlane(policy, proactive);
    }

    public Topology topology() {
        return topology;
    }

    /** The controller, or null in proactive mode. */
    public FlowController controller() {
        return controller;
    }

    /** How long installing the base rule sets on the three path nodes took. */
    public long installMicros() {
        return installMicros;
    }

    /** Opens a real TCP connection from the device's address to the service, sends {@code echoes} round trips and closes it. */
    public Connection connect(NetworkPolicy policy, String sim, String serviceName, long timeoutMillis, int echoes) {
        String[] ends = ends(policy, sim, serviceName);
        List<String> reply = ue.call(timeoutMillis * (echoes + 1) + 5000, "connect", ends[0], ends[1], ends[2], Long.toString(timeoutMillis), Integer.toString(echoes));
        return reply.get(0).equals("ok")
            ? new Connection(true, Long.parseLong(reply.get(1)), Long.parseLong(reply.get(2)), "connected")
            : new Connection(false, Long.parseLong(reply.get(2)), 0, reply.get(1));
    }

    /** Opens a connection that stays open; returns its handle, or -1 if it could not connect. */
    public int open(NetworkPolicy policy, String sim, String serviceName, long timeoutMillis) {
        String[] ends = ends(policy, sim, serviceName);
        List<String> reply = ue.call(timeoutMillis + 5000, "open", ends[0], ends[1], ends[2], Long.toString(timeoutMillis));
        return reply.get(0).equals("ok") ? Integer.parseInt(reply.get(1)) : -1;
    }

    /** One echo round trip on an open connection: whether it came back in time. */
    public boolean send(int handle, long timeoutMillis) {
        return ue.call(timeoutMillis + 5000, "send", Integer.toString(handle), Long.toString(timeoutMillis)).get(0).equals("ok");
    }

    private static String[] ends(NetworkPolicy policy, String sim, String serviceName) {
        Device device = policy.device(sim).orElseThrow(() -> new NetException(NetException.Code.INVALID_POLICY, "no device with sim " + sim));
        Service service = policy.service(serviceName).orElseThrow(() -> new NetException(NetException.Code.INVALID_POLICY, "no service " + serviceName));
        return new String[] {Ipv4Prefix.format(device.address().firstHost()), Ipv4Prefix.format(Topology.serviceAddress(service)),
            Integer.toString(service.port().low())};
    }

    /** The counter of the flows set elements on a node, summed (packets that took the controller-installed rules there). */
    public long flowPackets(String node) {
        String json = Shell.run(Shell.inNamespace(topology.namespace(node), "nft", "-j", "list", "set", "inet", "aisprint", "flows"));
        long total = 0;
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"packets\": (\\d+)").matcher(json);
        while (matcher.find()) {
            total += Long.parseLong(matcher.group(1));
        }
        return total;
    }

    private NetnsAgent start(String role, Path script) {
        NetnsAgent agent = new NetnsAgent(topology.namespace(role), script);
        agents.add(agent);
        return agent;
    }

    private void nft(String node, String script) {
        Shell.run(Shell.inNamespace(topology.namespace(node), "nft", "-f", "-"), script);
    }

    @Override
    public void close() {
        decisions.shutdownNow();
        agents.forEach(NetnsAgent::close);
        agents.clear();
        topology.close();
    }
}
