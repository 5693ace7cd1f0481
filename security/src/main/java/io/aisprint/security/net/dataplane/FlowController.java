package io.aisprint.security.net.dataplane;

import io.aisprint.security.net.Ipv4Prefix;
import io.aisprint.security.net.NetworkPolicy;
import io.aisprint.security.net.Service;
import io.aisprint.security.net.pipeline.Packet;
import io.aisprint.security.net.pipeline.Pipeline;
import io.aisprint.security.net.pipeline.PolicyCompiler;
import io.aisprint.security.net.pipeline.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policy server acting as SDN controller. The UPF punts the first packet of every unknown
 * flow; the controller runs it through the compiled pipeline and, when the verdict is forward,
 * adds the flow to the {@code flows} set of every node of the service's path (farthest node
 * first), then lets the held packet go on (the UPF agent sends it again). A revoked grant removes the
 * flow everywhere and forgets its connection-tracking state, so the open connection's next
 * packet is punted again and stays dropped; a re-route moves the flow's entries to the new path.
 */
public final class FlowController {
    /** One decision on a punted packet and how long it took to decide and install. */
    public record Decision(Flow flow, boolean allowed, String reason, long micros) {
    }

    private final Topology topology;
    private NetworkPolicy policy;
    private Pipeline pipeline;
    private final Map<Flow, List<String>> installed = new LinkedHashMap<>();
    private final List<Decision> decisions = new ArrayList<>();

    public FlowController(Topology topology, NetworkPolicy policy) {
        this.topology = topology;
        this.policy = policy;
        this.pipeline = PolicyCompiler.compile(policy);
    }

    public synchronized NetworkPolicy policy() {
        return policy;
    }

    public synchronized List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    public synchronized Set<Flow> installedFlows() {
        return Set.copyOf(installed.keySet());
    }

    /** Handles one punted packet ({@code punt ID SRC DST PROTO SPORT DPORT} from the UPF agent). */
    public synchronized Decision onPunt(String[] words) {
        long start = System.nanoTime();
        long source = Ipv4Prefix.parseAddress(words[2], words[2]);
        long destination = Ipv4Prefix.parseAddress(words[3], words[3]);
        int protocol = Integer.parseInt(words[4]);
        int sourcePort = Integer.parseInt(words[5]);
        int destinationPort = Integer.parseInt(words[6]);
        boolean uplink = policy.devices().stream().anyMatch(d -> d.address().contains(source));
        Flow flow = uplink ? new Flow(source, destination, protocol, destinationPort) : new Flow(destination, source, protocol, sourcePort);
        Verdict verdict = pipeline.process(new Packet(source, destination, protocol, sourcePort, destinationPort, 0));
        Optional<Service> service = serviceOf(verdict.appId());
        boolean allowed = verdict.forwarded() && service.isPresent();
        if (allowed && !installed.containsKey(flow)) {
            List<String> path = List.of(service.get().via(), "upf");
            for (String node : path) {
                nft(node, NftRules.addFlows(List.of(flow)));
            }
            installed.put(flow, path);
        }
        Decision decision = new Decision(flow, allowed, verdict.reason(), (System.nanoTime() - start) / 1000);
        decisions.add(decision);
        return decision;
    }

    /** Replaces the policy (grant, revoke, re-route) and brings every installed flow in line with it. */
    public synchronized void update(NetworkPolicy next) {
        NetworkPolicy previous = policy;
        policy = next;
        pipeline = PolicyCompiler.compile(next);
        for (Service service : next.services()) {
            Optional<Service> before = previous.service(service.name());
            if (before.isPresent() && !before.get().via().equals(service.via())) {
                reroute(service, before.get().via());
            }
        }
        for (Flow flow : List.copyOf(installed.keySet())) {
            Verdict verdict = pipeline.process(new Packet(flow.ue(), flow.service(), flow.protocol(), 0, flow.port(), 0));
            if (!verdict.forwarded()) {
                for (String node : installed.remove(flow)) {
                    nft(node, NftRules.deleteFlows(List.of(flow)));
                    forgetConnections(node, flow);
                }
            }
        }
    }

    private void reroute(Service service, String oldVia) {
        List<Flow> moving = installed.keySet().stream().filter(f -> service.address().contains(f.service())).toList();
        if (!moving.isEmpty()) {
            nft(service.via(), NftRules.addFlows(moving));
        }
        topology.route(service);
        if (!moving.isEmpty()) {
            nft(oldVia, NftRules.deleteFlows(moving));
        }
        for (Flow flow : moving) {
            installed.put(flow, List.of(service.via(), "upf"));
        }
    }

    private Optional<Service> serviceOf(long appId) {
        return pipeline.appIds().entrySet().stream().filter(e -> e.getValue() == appId).findFirst().flatMap(e -> policy.service(e.getKey()));
    }

    private void nft(String node, String script) {
        Shell.run(Shell.inNamespace(topology.namespace(node), "nft", "-f", "-"), script);
    }

    /** Drops the flow's connection-tracking entries on a node, so an open connection is judged again. */
    private void forgetConnections(String node, Flow flow) {
        if (DataPlaneSupport.onPath("conntrack")) {
            Shell.tryRun(Shell.inNamespace(topology.namespace(node), "conntrack", "-D", "-s", Ipv4Prefix.format(flow.ue()), "-d", Ipv4Prefix.format(flow.service())));
            Shell.tryRun(Shell.inNamespace(topology.namespace(node), "conntrack", "-D", "-s", Ipv4Prefix.format(flow.service()), "-d", Ipv4Prefix.format(flow.ue())));
        }
    }
}
