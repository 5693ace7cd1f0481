package io.aisprint.security.net.pipeline;

import java.util.List;
import java.util.Map;

/**
 * The UP4-shaped tables of one breakout UPF and the order a packet goes through them:
 * interfaces (direction by destination prefix) → sessions (which UE) → application filters
 * (which service, by LPM address, port range and ternary protocol) → terminations (allow or drop
 * per UE and application, with a counter index) → ACLs (operator overrides by priority).
 *
 * <p>Deviation from UP4: sessions match the UE address by LPM and terminations key on the
 * session id rather than the UE address, so a device with an address pool needs one entry, not
 * one per address. There is no GTP tunnel: the breakout sees the UE's IP packets directly.
 */
public record Pipeline(Table interfaces, Table sessions, Table applicationFilters, Table terminations, Table acls, Counters counters,
                       Map<String, Long> appIds, Map<String, Long> sessionIds) {
    public static final long ACCESS = 1;
    public static final long CORE = 2;
    public static final long UPLINK = 1;
    public static final long DOWNLINK = 2;

    public List<Table> tables() {
        return List.of(interfaces, sessions, applicationFilters, terminations, acls);
    }

    public Verdict process(Packet packet) {
        Action iface = interfaces.apply(packet.bytes(), packet.destination());
        if (!iface.name().equals("set_source_iface")) {
            return new Verdict(Verdict.Outcome.DROP, 0, 0, "interfaces: no interface for the destination");
        }
        boolean uplink = iface.param("direction") == UPLINK;
        long ue = uplink ? packet.source() : packet.destination();
        long appAddress = uplink ? packet.destination() : packet.source();
        long appPort = uplink ? packet.destinationPort() : packet.sourcePort();
        Action session = sessions.apply(packet.bytes(), ue);
        if (!session.name().equals("set_session")) {
            return new Verdict(Verdict.Outcome.DROP, 0, 0, "sessions: unknown UE");
        }
        long sessionId = session.param("session_id");
        long appId = applicationFilters.apply(packet.bytes(), appAddress, appPort, packet.protocol()).params().getOrDefault("app_id", 0L);
        Action termination = terminations.apply(packet.bytes(), sessionId, appId);
        if (termination.params().containsKey("ctr_idx")) {
            counters.count((int) termination.param("ctr_idx"), packet.bytes());
        }
        Action acl = acls.apply(packet.bytes(), packet.source(), packet.destination(), packet.protocol(), packet.destinationPort());
        switch (acl.name()) {
            case "drop":
                return new Verdict(Verdict.Outcome.DROP, sessionId, appId, "acls: drop");
            case "punt":
                return new Verdict(Verdict.Outcome.PUNT, sessionId, appId, "acls: punt");
            default:
                break;
        }
        return termination.name().equals("fwd")
            ? new Verdict(Verdict.Outcome.FORWARD, sessionId, appId, "terminations: fwd")
            : new Verdict(Verdict.Outcome.DROP, sessionId, appId, appId == 0 ? "application_filters: no application" : "terminations: drop");
    }
}
