package io.aisprint.deploy;

import java.util.Objects;

/**
 * A deployment a {@link Deployer} created: the component's name and the back-end's own id
 * (an IM infrastructure URI, an OSCAR service name, a Kubernetes Deployment name).
 */
public record DeploymentHandle(String name, String id) {
    public DeploymentHandle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
    }
}
