package io.aisprint.security.net.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders the tables as P4Runtime-style entries, the shape of the p4lang tutorials'
 * {@code runtime.json}: {@code {table_entries: [{table, match, priority?, action_name, action_params}]}}
 * with LPM as {@code [value, prefix_len]}, ranges as {@code {low, high}} and ternary as {@code {value, mask}}.
 */
public final class P4RuntimeJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private P4RuntimeJson() {
    }

    public static ObjectNode render(Pipeline pipeline) {
        ObjectNode root = JSON.createObjectNode();
        root.put("target", "aisprint-nftables");
        ArrayNode entries = root.putArray("table_entries");
        for (Table table : pipeline.tables()) {
            ObjectNode defaults = entries.addObject();
            defaults.put("table", table.name()).put("default_action", true).put("action_name", table.defaultAction().name());
            table.defaultAction().params().forEach(defaults.putObject("action_params")::put);
            for (TableEntry entry : table.entries()) {
                ObjectNode node = entries.addObject();
                node.put("table", table.name());
                ObjectNode match = node.putObject("match");
                for (int i = 0; i < table.keys().size(); i++) {
                    String field = table.keys().get(i).name();
                    FieldMatch m = entry.matches().get(i);
                    if (m instanceof FieldMatch.Exact e) {
                        match.put(field, e.value());
                    } else if (m instanceof FieldMatch.Lpm l) {
                        match.putArray(field).add(l.value()).add(l.prefixLength());
                    } else if (m instanceof FieldMatch.Range r) {
                        match.putObject(field).put("low", r.low()).put("high", r.high());
                    } else if (m instanceof FieldMatch.Ternary t) {
                        match.putObject(field).put("value", t.value()).put("mask", t.mask());
                    }
                }
                if (entry.priority() > 0) {
                    node.put("priority", entry.priority());
                }
                node.put("action_name", entry.action().name());
                entry.action().params().forEach(node.putObject("action_params")::put);
            }
        }
        return root;
    }
}
