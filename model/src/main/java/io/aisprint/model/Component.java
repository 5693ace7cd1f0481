package io.aisprint.model;

import java.util.List;
import java.util.Optional;

/** A component of the application with its alternative deployments (at least one). */
public record Component(String name, List<Deployment> deployments) {
    public Component {
        deployments = List.copyOf(deployments);
    }

    public Optional<Deployment> deployment(String deploymentName) {
        return deployments.stream().filter(d -> d.name().equals(deploymentName)).findFirst();
    }
}
