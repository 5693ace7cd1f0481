package io.aisprint.platform.internal;

import io.aisprint.model.Continuum;
import io.aisprint.model.NetworkDomain;
import io.aisprint.model.Resource;
import java.util.Map;

/**
 * Transfer times between resources as the network domains say: the fastest shared domain's
 * access delay plus size / bandwidth (MB over Mb/s, as the reference C++ tool counts it); zero on
 * the same resource.
 */
public final class Network {
    private final Continuum continuum;
    private final Map<String, Resource> resources;

    public Network(Continuum continuum) {
        this.continuum = continuum;
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
            return 0.0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (NetworkDomain domain : continuum.networkDomains()) {
            if (domain.layers().contains(a.layer()) && domain.layers().contains(b.layer())) {
                double bandwidth = domain.bandwidth() > 0 ? domain.bandwidth() : Double.POSITIVE_INFINITY;
                best = Math.min(best, domain.accessDelay() + megabytes / bandwidth);
            }
        }
        return Double.isInfinite(best) ? 0.0 : best;
    }
}
