package io.aisprint.model;

import java.util.List;

/** A computational layer: resources of one kind at one tier of the continuum (e.g. drones). */
public record ComputationalLayer(String name, ResourceKind kind, List<Resource> resources) {
    public ComputationalLayer {
        resources = List.copyOf(resources);
    }
}
