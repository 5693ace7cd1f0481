package io.aisprint.model;

import java.util.List;

/** Upper bound, in seconds, on the response time of a path of consecutive components. */
public record GlobalConstraint(String name, List<String> components, double maxResponseTime) {
    public GlobalConstraint {
        components = List.copyOf(components);
    }
}
