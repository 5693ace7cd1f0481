package io.aisprint.perf;

import io.aisprint.model.Continuum;
import io.aisprint.model.NetworkDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Transfer times between computational layers: the fastest shared network domain carries the
 * data, taking access delay + size / bandwidth. Sizes are megabytes and bandwidths megabits per
 * second; the C++ reference divides one by the other directly, the Python one converts bytes to
 * bits first ({@code bitsPerUnit} = 8).
 */
public final class NetworkModel {
    private final Map<String, List<NetworkDomain>> domainsByLayer = new HashMap<>();
    private final double bitsPerUnit;

    public NetworkModel(Continuum continuum, double bitsPerUnit) {
        this.bitsPerUnit = bitsPerUnit;
        for (NetworkDomain domain : continuum.networkDomains()) {
            for (String layer : domain.layers()) {
                domainsByLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(domain);
            }
        }
    }

    /** The C++ semantics: size / bandwidth without unit conversion. */
    public static NetworkModel of(Continuum continuum) {
        return new NetworkModel(continuum, 1.0);
    }

    /**
     * Seconds to send {@code megabytes} from a resource of {@code fromLayer} to one of {@code toLayer}
     * over the best shared domain; +∞ when the layers share none.
     */
    public double transferTime(String fromLayer, String toLayer, double megabytes) {
        double best = Double.POSITIVE_INFINITY;
        for (NetworkDomain domain : domainsByLayer.getOrDefault(fromLayer, List.of())) {
            if (domain.layers().contains(toLayer)) {
                best = Math.min(best, linkTime(domain.accessDelay(), domain.bandwidth(), megabytes, bitsPerUnit));
            }
        }
        return best;
    }

    /**
     * The one transfer formula: seconds to send {@code megabytes} over a link with this access delay
     * (s) and bandwidth (Mb/s), sizes multiplied by {@code bitsPerUnit} first (1 in the C++ semantics).
     */
    public static double linkTime(double accessDelay, double bandwidth, double megabytes, double bitsPerUnit) {
        return accessDelay + bitsPerUnit * megabytes / bandwidth;
    }

    /** Whether two layers share at least one network domain. */
    public boolean connected(String fromLayer, String toLayer) {
        return Double.isFinite(transferTime(fromLayer, toLayer, 0.0));
    }
}
