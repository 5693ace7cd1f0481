package io.aisprint.deploy;

import io.aisprint.deploy.internal.PythonText;
import io.aisprint.deploy.internal.Trees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OSCAR Functions Definition Language file of a multi-cluster application, built from its
 * TOSCA documents as toscarizer does: every {@code tosca.nodes.aisprint.FaaS.Function} becomes a
 * service under {@code functions.oscar}, keyed by the cluster it goes to, with the OSCAR names of
 * its fields ({@code cpu} as a string, {@code env_variables} as {@code environment.Variables}).
 */
public final class FdlGenerator {
    private static final String FUNCTION = "tosca.nodes.aisprint.FaaS.Function";
    private static final Set<String> COPIED =
            Set.of("name", "script", "alpine", "input", "output", "storage_providers", "image", "memory");

    private FdlGenerator() {
    }

    public static Map<String, Object> generate(Map<String, Map<String, Object>> toscaDocuments) {
        List<Object> services = new ArrayList<>();
        Set<Object> done = new HashSet<>();
        for (Map<String, Object> tosca : toscaDocuments.values()) {
            Map<String, Object> topology = Trees.at(tosca, "topology_template");
            Map<String, Object> inputs = Trees.at(topology, "inputs");
            String clusterName = defaultOf(inputs, "oscar_name");
            if (clusterName == null) {
                clusterName = defaultOf(inputs, "cluster_name");
            }
            for (Map.Entry<String, Object> node : Trees.at(topology, "node_templates").entrySet()) {
                Map<String, Object> tree = Trees.map(node.getValue(), "", node.getKey());
                if (!FUNCTION.equals(tree.get("type"))) {
                    continue;
                }
                Map<String, Object> service = service(Trees.map(tree.get("properties"), "", node.getKey()));
                if (done.add(service.get("name"))) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put(clusterName != null ? clusterName : node.getKey(), service);
                    services.add(entry);
                }
            }
        }
        Map<String, Object> oscar = new LinkedHashMap<>();
        oscar.put("oscar", services);
        Map<String, Object> fdl = new LinkedHashMap<>();
        fdl.put("functions", oscar);
        return fdl;
    }

    /** The OSCAR service (FDL / {@code /system/services} JSON) of a FaaS.Function's properties. */
    public static Map<String, Object> service(Map<String, Object> properties) {
        Map<String, Object> service = new LinkedHashMap<>();
        properties.forEach((property, value) -> {
            if (value == null || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
                return;
            }
            if (COPIED.contains(property)) {
                service.put(property, Trees.copy(value));
            } else if (property.equals("cpu")) {
                service.put("cpu", PythonText.g(value));
            } else if (property.equals("env_variables")) {
                Map<String, Object> environment = new LinkedHashMap<>();
                environment.put("Variables", Trees.copy(value));
                service.put("environment", environment);
            } else if (property.equals("image_pull_secrets")) {
                service.put("image_pull_secrets", value instanceof List ? Trees.copy(value) : List.of(value));
            }
        });
        return service;
    }

    private static String defaultOf(Map<String, Object> inputs, String name) {
        Object input = inputs.get(name);
        Object value = input instanceof Map<?, ?> map ? map.get("default") : null;
        return value == null ? null : String.valueOf(value);
    }
}
