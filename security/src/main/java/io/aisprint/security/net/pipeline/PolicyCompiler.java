package io.aisprint.security.net.pipeline;

import io.aisprint.security.net.AclRule;
import io.aisprint.security.net.Device;
import io.aisprint.security.net.Ipv4Prefix;
import io.aisprint.security.net.NetworkPolicy;
import io.aisprint.security.net.Protocol;
import io.aisprint.security.net.Service;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a network policy into the UP4-shaped tables of {@link Pipeline}. App ids and session ids
 * follow the order of services and devices in the policy (from 1; app id 0 means "no
 * application", which terminations drop by default).
 */
public final class PolicyCompiler {
    private PolicyCompiler() {
    }

    public static Pipeline compile(NetworkPolicy policy) {
        Table interfaces = new Table("PreQosPipe.interfaces", List.of(new KeyField("ipv4_dst_prefix", MatchKind.LPM, 32)), Action.of("drop"));
        Table sessions = new Table("PreQosPipe.sessions", List.of(new KeyField("ue_address", MatchKind.LPM, 32)), Action.of("drop"));
        Table filters = new Table("PreQosPipe.applications", List.of(
            new KeyField("app_ip_addr", MatchKind.LPM, 32), new KeyField("app_l4_port", MatchKind.RANGE, 16),
            new KeyField("app_ip_proto", MatchKind.TERNARY, 8)), Action.of("set_app_id", "app_id", 0));
        Table terminations = new Table("PreQosPipe.terminations", List.of(
            new KeyField("session_id", MatchKind.EXACT, 32), new KeyField("app_id", MatchKind.EXACT, 8)), Action.of("drop"));
        Table acls = new Table("Acl.acls", List.of(
            new KeyField("ipv4_src", MatchKind.TERNARY, 32), new KeyField("ipv4_dst", MatchKind.TERNARY, 32),
            new KeyField("ipv4_proto", MatchKind.TERNARY, 8), new KeyField("l4_dport", MatchKind.RANGE, 16)), Action.of("pass"));

        Map<String, Long> appIds = new LinkedHashMap<>();
        Set<Ipv4Prefix> servicePrefixes = new HashSet<>();
        for (Service service : policy.services()) {
            long appId = appIds.size() + 1;
            if (appId > 255) {
                throw new IllegalArgumentException("more than 255 services; app_id is an 8-bit field in UP4");
            }
            appIds.put(service.name(), appId);
            if (servicePrefixes.add(service.address())) {
                interfaces.insert(new TableEntry(List.of(lpm(service.address())), 0,
                    new Action("set_source_iface", Map.of("src_iface", Pipeline.ACCESS, "direction", Pipeline.UPLINK, "slice_id", 0L))));
            }
            filters.insert(new TableEntry(List.of(lpm(service.address()), new FieldMatch.Range(service.port().low(), service.port().high()), protocol(service.protocol())),
                filterPriority(service), Action.of("set_app_id", "app_id", appId)));
        }
        Map<String, Long> sessionIds = new LinkedHashMap<>();
        int counterIndex = 0;
        for (Device device : policy.devices()) {
            long sessionId = sessionIds.size() + 1;
            sessionIds.put(device.sim(), sessionId);
            interfaces.insert(new TableEntry(List.of(lpm(device.address())), 0,
                new Action("set_source_iface", Map.of("src_iface", Pipeline.CORE, "direction", Pipeline.DOWNLINK, "slice_id", (long) device.slice()))));
            sessions.insert(new TableEntry(List.of(lpm(device.address())), 0,
                new Action("set_session", Map.of("session_id", sessionId, "slice_id", (long) device.slice()))));
            for (Service service : policy.services()) {
                boolean mentioned = policy.grants().stream().anyMatch(g -> g.service().equals(service.name())
                    && (g.device().equals(device.sim()) || device.groups().contains(g.device())));
                if (mentioned) {
                    String action = policy.allows(device, service) ? "fwd" : "drop";
                    terminations.insert(new TableEntry(List.of(new FieldMatch.Exact(sessionId), new FieldMatch.Exact(appIds.get(service.name()))), 0,
                        Action.of(action, "ctr_idx", counterIndex++)));
                }
            }
        }
        for (AclRule rule : policy.acls()) {
            acls.insert(new TableEntry(List.of(ternary(rule.source()), ternary(rule.destination()),
                rule.protocol() == null ? new FieldMatch.Ternary(0, 0) : protocol(rule.protocol()),
                rule.destinationPort() == null ? new FieldMatch.Range(0, 65535) : new FieldMatch.Range(rule.destinationPort().low(), rule.destinationPort().high())),
                Math.max(1, rule.priority()), Action.of(rule.action())));
        }
        return new Pipeline(interfaces, sessions, filters, terminations, acls, new Counters(Math.max(1, counterIndex)), appIds, sessionIds);
    }

    /** Longer prefixes, a named protocol and a narrower port range win, so the most specific filter classifies a flow. */
    static int filterPriority(Service service) {
        int narrowness = service.port().low() == service.port().high() ? 2 : 1;
        return 1 + service.address().length() * 8 + (service.protocol() == Protocol.ANY ? 0 : 4) + narrowness;
    }

    private static FieldMatch lpm(Ipv4Prefix prefix) {
        return new FieldMatch.Lpm(prefix.address(), prefix.length(), 32);
    }

    private static FieldMatch ternary(Ipv4Prefix prefix) {
        return prefix == null ? new FieldMatch.Ternary(0, 0) : new FieldMatch.Ternary(prefix.address(), Ipv4Prefix.mask(prefix.length()));
    }

    private static FieldMatch protocol(Protocol protocol) {
        return protocol == Protocol.ANY ? new FieldMatch.Ternary(0, 0) : new FieldMatch.Ternary(protocol.number(), 0xFF);
    }
}
