package io.aisprint.monitor;

import java.util.List;
import java.util.Objects;

/**
 * A response-time limit from an Application's QoS, as the platform hands it over: a local limit
 * when {@code components} has one component, a global limit on the path when it has several (in
 * path order). Kept free of the model module on purpose; the platform converts into it.
 */
public record QosLimit(String name, List<String> components, double limitSeconds) {
    public QosLimit {
        Objects.requireNonNull(name, "name");
        components = List.copyOf(components);
        if (components.isEmpty()) {
            throw MonitorException.invalid("QoS limit '" + name + "' names no component; expected one (local) or a path (global).");
        }
        if (!(limitSeconds > 0)) {
            throw MonitorException.invalid("QoS limit '" + name + "' must be a positive number of seconds, got " + limitSeconds + ".");
        }
    }

    public boolean isGlobal() {
        return components.size() > 1;
    }
}
