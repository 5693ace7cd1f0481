package io.aisprint.deploy;

import io.aisprint.deploy.internal.Trees;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to deploy for one component: its TOSCA document as generated (the IM takes it, OSCAR takes
 * the function inside it, the embedded runtime its cpu and memory), its Kubernetes manifests,
 * and the number of instances to start with.
 */
public record DeploymentRequest(String name, int instances, Map<String, Object> tosca, List<HasMetadata> manifests) {
    public DeploymentRequest {
        Objects.requireNonNull(name, "name");
        if (instances < 0) {
            throw new IllegalArgumentException("instances is " + instances + ", expected 0 or more");
        }
        tosca = tosca == null ? Map.of() : Trees.copy(tosca);
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }

    /** The properties of the {@code tosca.nodes.aisprint.FaaS.Function} in the TOSCA document (empty when none). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> function() {
        if (tosca.get("topology_template") instanceof Map<?, ?> topology && topology.get("node_templates") instanceof Map<?, ?> nodes) {
            for (Object node : nodes.values()) {
                if (node instanceof Map<?, ?> tree && "tosca.nodes.aisprint.FaaS.Function".equals(tree.get("type"))
                        && tree.get("properties") instanceof Map<?, ?> properties) {
                    return (Map<String, Object>) properties;
                }
            }
        }
        return Map.of();
    }
}
