package io.aisprint.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The performance declaration of every (component, partition, resource) triple. */
public record PerformanceTable(Map<Key, PerformanceModel> models) {

    /** Which partition of which component on which resource. */
    public record Key(String component, String partition, String resource) {
    }

    public PerformanceTable {
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    public Optional<PerformanceModel> model(String component, String partition, String resource) {
        return Optional.ofNullable(models.get(new Key(component, partition, resource)));
    }
}
