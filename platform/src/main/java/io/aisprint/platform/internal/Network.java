package io.aisprint.platform.internal;

import io.aisprint.model.Continuum;
import io.aisprint.model.Resource;
import io.aisprint.perf.NetworkModel;
import java.util.Map;

/**
 * Transfer times between resources, as perf's {@link NetworkModel} computes them for the designer
 * (fastest shared domain, MB over Mb/s as the C++ reference counts it); zero on the same resource,
 * +∞ between layers that share no network domain (the designer never places a hop there).
 */
public final class Network {
    private final NetworkModel model;
    private final Map<String, Resource> resources;

    public Network(Continuum continuum) {
        this.model = NetworkModel.of(continuum);
        this.resources = continuum.resourcesByName();
    }

    /** Seconds to move {@code megabytes} from {@code from} to {@code to}. */
    public double delay(String from, String to, double megabytes) {
        if (from.equals(to)) {
            return 0.0;
        }
        Resource a = resources.get(from);
        Resource b = resources.get(to);
        if (a == null || b == null) {
            throw new IllegalArgumentException("no resource named " + (a == null ? from : to) + " in the continuum");
        }
        return model.transferTime(a.layer(), b.layer(), megabytes);
    }
}
