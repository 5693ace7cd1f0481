package io.aisprint.model;

/**
 * An edge device type or cloud VM type.
 *
 * @param number max identical instances that may be selected (cluster size bound)
 * @param cores  cores per instance (1 when the description omits it)
 */
public record NodeResource(
        String name,
        String layer,
        ResourceKind kind,
        String description,
        int number,
        double cost,
        double memory,
        int cores) implements Resource {

    public NodeResource {
        if (kind == ResourceKind.FAAS) {
            throw new IllegalArgumentException("a NodeResource is an edge device or a VM, not FaaS: " + name);
        }
    }
}
