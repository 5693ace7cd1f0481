package io.aisprint.cluster.internal;

import io.aisprint.runtime.NodeSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ignite.cluster.ClusterNode;

/** Encodes a node's capacity and labels as Ignite user attributes, and back. */
public final class NodeAttributes {
    public static final String ROLE = "aisprint.role";
    public static final String NAME = "aisprint.name";
    static final String CORES = "aisprint.cores";
    static final String MEMORY = "aisprint.memoryMb";
    static final String GPUS = "aisprint.gpus";
    static final String ARCHITECTURE = "aisprint.architecture";
    static final String LABEL_PREFIX = "aisprint.label.";
    public static final String WORKER = "worker";
    /** The label every worker carries with its own name. */
    public static final String NODE_LABEL = "node";
    public static final String DRIVER = "driver";

    private NodeAttributes() {
    }

    public static Map<String, Object> encode(NodeSpec node, String role) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ROLE, role);
        attributes.put(NAME, node.name());
        attributes.put(CORES, Integer.toString(node.cores()));
        attributes.put(MEMORY, Long.toString(node.memoryMb()));
        attributes.put(GPUS, Integer.toString(node.gpus()));
        attributes.put(ARCHITECTURE, node.architecture());
        node.labels().forEach((key, value) -> attributes.put(LABEL_PREFIX + key, value));
        return attributes;
    }

    public static boolean isWorker(ClusterNode node) {
        return WORKER.equals(node.attribute(ROLE));
    }

    public static String name(ClusterNode node) {
        Object name = node.attribute(NAME);
        return name == null ? node.consistentId().toString() : name.toString();
    }

    public static NodeSpec decode(ClusterNode node) {
        Map<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, Object> entry : node.attributes().entrySet()) {
            if (entry.getKey().startsWith(LABEL_PREFIX) && entry.getValue() != null) {
                labels.put(entry.getKey().substring(LABEL_PREFIX.length()), entry.getValue().toString());
            }
        }
        // Every worker can be addressed by name: a task may pin itself to one with node=NAME.
        labels.putIfAbsent(NODE_LABEL, name(node));
        return new NodeSpec(name(node), Integer.parseInt(node.attribute(CORES)), Long.parseLong(node.attribute(MEMORY)),
                Integer.parseInt(node.attribute(GPUS)), node.attribute(ARCHITECTURE), labels);
    }
}
