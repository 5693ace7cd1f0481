package io.aisprint.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The computing continuum: layers of candidate resources joined by network domains. */
public record Continuum(List<ComputationalLayer> layers, List<NetworkDomain> networkDomains) {
    public Continuum {
        layers = List.copyOf(layers);
        networkDomains = List.copyOf(networkDomains);
    }

    public List<Resource> resources() {
        return layers.stream().flatMap(l -> l.resources().stream()).toList();
    }

    public Map<String, Resource> resourcesByName() {
        Map<String, Resource> byName = new LinkedHashMap<>();
        resources().forEach(r -> byName.put(r.name(), r));
        return byName;
    }

    public Optional<Resource> resource(String name) {
        return resources().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<ComputationalLayer> layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
