package io.aisprint.security.net.dataplane;

import io.aisprint.security.net.Ipv4Prefix;
import io.aisprint.security.net.pipeline.Action;
import io.aisprint.security.net.pipeline.FieldMatch;
import io.aisprint.security.net.pipeline.Pipeline;
import io.aisprint.security.net.pipeline.Table;
import io.aisprint.security.net.pipeline.TableEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * nftables rule sets for the path nodes, as {@code nft -f} scripts (each applied as one atomic
 * transaction).
 *
 * <p>Every path node has a {@code flows} set (UE . service . proto . port, with a counter per
 * element) that the controller fills, and drops everything else that starts a new connection.
 * The breakout UPF also punts the first packet of an unknown flow to the controller with
 * {@code log group} (NFLOG). {@link #proactive} renders the whole compiled pipeline instead:
 * application filters as rules in priority order that set the packet mark to the app id, the
 * terminations as one verdict map keyed by (UE prefix, app id), ACLs as rules before them.
 */
public final class NftRules {
    public static final String TABLE = "inet aisprint";

    private NftRules() {
    }

    /** The rule set of a path node; {@code puntGroup < 0} means the node does not punt. */
    public static String pathNode(int puntGroup) {
        return "table " + TABLE + " {\n"
            + "  set flows {\n    type ipv4_addr . ipv4_addr . inet_proto . inet_service\n    counter\n  }\n"
            + "  chain forward {\n    type filter hook forward priority 0; policy drop;\n"
            + "    ct state established,related accept\n"
            + "    ip saddr . ip daddr . meta l4proto . th dport @flows accept\n"
            + "    ip daddr . ip saddr . meta l4proto . th sport @flows accept\n"
            + (puntGroup >= 0 ? "    ct state new log group " + puntGroup + " queue-threshold 1\n" : "")
            + "    counter comment \"dropped\"\n  }\n}\n";
    }

    /** A script that replaces any previous aisprint table with {@code rules}. */
    public static String replace(String rules) {
        return "table " + TABLE + "\ndelete table " + TABLE + "\n" + rules;
    }

    public static String addFlows(Collection<Flow> flows) {
        return flowCommand("add", flows);
    }

    public static String deleteFlows(Collection<Flow> flows) {
        return flowCommand("delete", flows);
    }

    private static String flowCommand(String verb, Collection<Flow> flows) {
        StringBuilder script = new StringBuilder();
        for (Flow flow : flows) {
            script.append(verb).append(" element ").append(TABLE).append(" flows { ").append(flow.element()).append(" }\n");
        }
        return script.toString();
    }

    /** The whole pipeline as one rule set for the UPF (no controller needed; punt ACLs log to {@code puntGroup}). */
    public static String proactive(Pipeline pipeline, int puntGroup) {
        StringBuilder script = new StringBuilder("table " + TABLE + " {\n");
        List<String> elements = new ArrayList<>();
        for (TableEntry termination : pipeline.terminations().entries()) {
            long sessionId = ((FieldMatch.Exact) termination.matches().get(0)).value();
            long appId = ((FieldMatch.Exact) termination.matches().get(1)).value();
            String verdict = termination.action().name().equals("fwd") ? "accept" : "drop";
            for (TableEntry session : pipeline.sessions().entries()) {
                if (session.action().param("session_id") == sessionId) {
                    FieldMatch.Lpm ue = (FieldMatch.Lpm) session.matches().get(0);
                    elements.add(new Ipv4Prefix(ue.value(), ue.prefixLength()) + " . " + appId + " : " + verdict);
                }
            }
        }
        script.append("  map terminations {\n    type ipv4_addr . mark : verdict\n    flags interval\n    counter\n");
        if (!elements.isEmpty()) {
            script.append("    elements = { ").append(String.join(",\n      ", elements)).append(" }\n");
        }
        script.append("  }\n  chain applications {\n");
        for (TableEntry filter : byPriority(pipeline.applicationFilters())) {
            FieldMatch.Lpm address = (FieldMatch.Lpm) filter.matches().get(0);
            script.append("    ip daddr ").append(new Ipv4Prefix(address.value(), address.prefixLength()))
                .append(protocol((FieldMatch.Ternary) filter.matches().get(2))).append(port((FieldMatch.Range) filter.matches().get(1)))
                .append(" meta mark set ").append(filter.action().param("app_id")).append(" return\n");
        }
        script.append("  }\n  chain acls {\n");
        for (TableEntry acl : byPriority(pipeline.acls())) {
            script.append("   ").append(address("saddr", (FieldMatch.Ternary) acl.matches().get(0))).append(address("daddr", (FieldMatch.Ternary) acl.matches().get(1)))
                .append(protocol((FieldMatch.Ternary) acl.matches().get(2))).append(port((FieldMatch.Range) acl.matches().get(3)))
                .append(" counter ").append(aclVerdict(acl.action(), puntGroup)).append("\n");
        }
        script.append("  }\n  chain forward {\n    type filter hook forward priority 0; policy drop;\n"
            + "    ct state established,related accept\n    jump acls\n    meta mark set 0\n    jump applications\n"
            + "    ip saddr . meta mark vmap @terminations\n    counter comment \"dropped\"\n  }\n}\n");
        return script.toString();
    }

    private static List<TableEntry> byPriority(Table table) {
        List<TableEntry> entries = new ArrayList<>(table.entries());
        entries.sort(Comparator.comparingInt(TableEntry::priority).reversed());
        return entries;
    }

    private static String aclVerdict(Action action, int puntGroup) {
        return switch (action.name()) {
            case "drop" -> "drop";
            case "punt" -> "log group " + puntGroup + " drop";
            default -> "return";
        };
    }

    private static String address(String field, FieldMatch.Ternary match) {
        if (match.mask() == 0) {
            return "";
        }
        int length = Long.bitCount(match.mask());
        return " ip " + field + " " + new Ipv4Prefix(match.value(), length);
    }

    private static String protocol(FieldMatch.Ternary match) {
        return match.mask() == 0 ? "" : " meta l4proto " + match.value();
    }

    private static String port(FieldMatch.Range range) {
        if (range.low() == 0 && range.high() == 65535) {
            return "";
        }
        return " th dport " + (range.low() == range.high() ? Long.toString(range.low()) : range.low() + "-" + range.high());
    }
}
