package io.aisprint.perf;

import io.aisprint.model.Continuum;
import io.aisprint.model.NetworkDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transfer times between computational layers: the fastest shared network domain carries the
 * data, taking access delay + size / bandwidth. Sizes are megabytes and bandwidths megabits per
 * second; the C++ reference divides one by the other directly, the Python one converts bytes to
 * bits first ({@code bitsPerUnit} = 8). Layers that share no domain are unreachable: +∞.
 *
 * <p>The designer's compiled problem (designer and replanner) and the platform's emulated network take
 * their delays from here ({@link #links} gives the compiled form for a pair of layers).
 */
public final class NetworkModel {
    private final Map<String, Map<String, Links>> links = new HashMap<>();
    private final Links unlinked;

    public NetworkModel(Continuum continuum, double bitsPerUnit) {
        this.unlinked = new Links(new double[0], new double[0], bitsPerUnit);
        Map<String, List<NetworkDomain>> domainsByLayer = new HashMap<>();
        Set<String> layers = new LinkedHashSet<>();
        for (NetworkDomain domain : continuum.networkDomains()) {
            for (String layer : domain.layers()) {
                domainsByLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(domain);
                layers.add(layer);
            }
        }
        for (String from : layers) {
            for (String to : layers) {
                List<NetworkDomain> shared = domainsByLayer.get(from).stream()
                        .filter(domain -> domain.layers().contains(to)).toList();
                if (!shared.isEmpty()) {
                    links.computeIfAbsent(from, k -> new HashMap<>()).put(to, new Links(
                            shared.stream().mapToDouble(NetworkDomain::accessDelay).toArray(),
                            shared.stream().mapToDouble(NetworkDomain::bandwidth).toArray(), bitsPerUnit));
                }
            }
        }
    }

    /** The C++ semantics: size / bandwidth without unit conversion. */
    public static NetworkModel of(Continuum continuum) {
        return new NetworkModel(continuum, 1.0);
    }

    /** The shared domains of two layers, ready to price transfers; none (every transfer +∞) when they share none. */
    public Links links(String fromLayer, String toLayer) {
        return links.getOrDefault(fromLayer, Map.of()).getOrDefault(toLayer, unlinked);
    }

    /**
     * Seconds to send {@code megabytes} from a resource of {@code fromLayer} to one of {@code toLayer}
     * over the best shared domain; +∞ when the layers share none.
     */
    public double transferTime(String fromLayer, String toLayer, double megabytes) {
        return links(fromLayer, toLayer).transferTime(megabytes);
    }

    /** Whether two layers share at least one network domain. */
    public boolean connected(String fromLayer, String toLayer) {
        return links(fromLayer, toLayer).any();
    }

    /** The network domains two layers share, as parallel arrays (immutable; cheap to price in a hot loop). */
    public static final class Links {
        private final double[] accessDelay;
        private final double[] bandwidth;
        private final double bitsPerUnit;

        private Links(double[] accessDelay, double[] bandwidth, double bitsPerUnit) {
            this.accessDelay = accessDelay;
            this.bandwidth = bandwidth;
            this.bitsPerUnit = bitsPerUnit;
        }

        /** Whether any domain joins the two layers. */
        public boolean any() {
            return accessDelay.length > 0;
        }

        /**
         * The one transfer formula: seconds to send {@code megabytes} over the fastest domain, access
         * delay (s) + bitsPerUnit · size / bandwidth (Mb/s); +∞ when no domain joins the layers.
         */
        public double transferTime(double megabytes) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < accessDelay.length; i++) {
                double t = accessDelay[i] + bitsPerUnit * megabytes / bandwidth[i];
                if (t < best) {
                    best = t;
                }
            }
            return best;
        }
    }
}
