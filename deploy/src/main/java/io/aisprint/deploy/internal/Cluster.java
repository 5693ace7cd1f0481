package io.aisprint.deploy.internal;

import java.util.Map;

/**
 * The TOSCA document of one component's cluster while it is being built, with what kind of
 * cluster it is: built by the IM ({@code Virtual}, {@code PhysicalToBeProvisioned}), an existing
 * OSCAR cluster ({@code PhysicalAlreadyProvisioned}) or AWS Lambda ({@code NativeCloudFunction}).
 */
public final class Cluster {
    public enum Kind { IM_BUILT, EXISTING, LAMBDA }

    private final String component;
    private final Kind kind;
    private final int layerNumber;
    private final Map<String, Object> tosca;

    Cluster(String component, Kind kind, int layerNumber, Map<String, Object> tosca) {
        this.component = component;
        this.kind = kind;
        this.layerNumber = layerNumber;
        this.tosca = tosca;
    }

    public String component() {
        return component;
    }

    public Kind kind() {
        return kind;
    }

    public int layerNumber() {
        return layerNumber;
    }

    public Map<String, Object> tosca() {
        return tosca;
    }

    public Map<String, Object> topology() {
        return Trees.at(tosca, "topology_template");
    }

    public Map<String, Object> inputs() {
        return Trees.at(topology(), "inputs");
    }

    public Map<String, Object> nodes() {
        return Trees.at(topology(), "node_templates");
    }

    /** The default value of an input, or null when the input is absent. */
    public Object input(String name) {
        Object input = inputs().get(name);
        return input instanceof Map<?, ?> map ? map.get("default") : null;
    }

    public String inputText(String name) {
        return PythonText.str(input(name));
    }

    public void setInput(String name, Object value) {
        Trees.at(inputs(), name).put("default", value);
    }

    /** {@code https://minio.<cluster>.<domain>}: the MinIO of an IM-built cluster. */
    public String minioUrl() {
        return "https://minio." + inputText("cluster_name") + "." + inputText("domain_name");
    }

    /** Adds the inputs, nodes and outputs of a fragment (toscarizer's merge_templates). */
    public void merge(Map<String, Object> fragment) {
        Map<String, Object> fragmentTopology = Trees.at(fragment, "topology_template");
        for (String section : new String[] {"inputs", "node_templates", "outputs"}) {
            Object part = fragmentTopology.get(section);
            if (part instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> entries = (Map<String, Object>) map;
                Trees.at(topology(), section).putAll(entries);
            }
        }
    }
}
