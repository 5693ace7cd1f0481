package io.aisprint.deploy;

import io.aisprint.deploy.internal.Trees;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the two spots where toscarizer's output breaks the types it imports (ec3's
 * custom_types.yaml, as the IM's tosca-parser checks them), so that the IM accepts the files:
 * <ul>
 *   <li>{@code input}/{@code output} entries of a {@code tosca.nodes.aisprint.FaaS.Function} are
 *       {@code tosca.datatypes.oscar.StorageIOConfig}, whose {@code suffix} and {@code prefix} are
 *       strings: toscarizer writes a one-element list ({@code suffix: [_NO_DRIFT]});</li>
 *   <li>the function's {@code cpu} is a {@code float}: toscarizer copies whole-number computing
 *       units as integers ({@code cpu: 2}), which tosca-parser rejects.</li>
 * </ul>
 * docs/deploy.md lists the same differences.
 */
public final class ToscaTypeConformance {
    private ToscaTypeConformance() {
    }

    /** A copy of the document in the valid form; the original is left as toscarizer writes it. */
    public static Map<String, Object> apply(Map<String, Object> document) {
        Map<String, Object> copy = Trees.copy(document);
        Map<String, Object> nodes = Trees.at(Trees.at(copy, "topology_template"), "node_templates");
        for (Object node : nodes.values()) {
            if (!(node instanceof Map<?, ?> tree) || !"tosca.nodes.aisprint.FaaS.Function".equals(tree.get("type"))
                    || !(tree.get("properties") instanceof Map<?, ?> raw)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) raw;
            if (properties.get("cpu") instanceof Number cpu && !(cpu instanceof Double)) {
                properties.put("cpu", cpu.doubleValue());
            }
            for (String direction : List.of("input", "output")) {
                if (properties.get(direction) instanceof List<?> entries) {
                    entries.forEach(ToscaTypeConformance::flattenFilters);
                }
            }
        }
        return copy;
    }

    private static void flattenFilters(Object entry) {
        if (!(entry instanceof Map<?, ?> raw)) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> storage = (Map<String, Object>) raw;
        for (String filter : List.of("suffix", "prefix")) {
            if (storage.get(filter) instanceof List<?> list && list.size() == 1) {
                storage.put(filter, String.valueOf(list.get(0)));
            }
        }
    }
}
