package io.aisprint.platform.internal;

import io.aisprint.model.Partition;
import io.aisprint.model.Placement;
import io.aisprint.platform.examples.PartitionCode;
import java.util.List;
import java.util.Map;

/**
 * One applied placement as the request flow sees it: per component the chain of steps (partition,
 * resource, the nodes that serve it, its code and demand). A request keeps the route it arrived
 * under to its end, so a re-placement never moves work that has started.
 */
public record Route(int version, Placement placement, Map<String, ComponentRoute> components) {

    public Route {
        components = Map.copyOf(components);
    }

    public record ComponentRoute(String component, String deployment, List<Step> steps) {
        public ComponentRoute {
            steps = List.copyOf(steps);
        }
    }

    /**
     * @param demand     mean service time in application seconds (warm time for FaaS)
     * @param demandCold service time of a cold start (FaaS only, else NaN)
     */
    public record Step(String component, Partition partition, int index, String resource, boolean faas,
            List<String> nodes, PartitionCode code, double demand, double demandCold) {
        public Step {
            nodes = List.copyOf(nodes);
        }
    }

    /** Every node some step of this route sends work to. */
    public java.util.Set<String> nodes() {
        java.util.Set<String> all = new java.util.HashSet<>();
        components.values().forEach(c -> c.steps().forEach(s -> all.addAll(s.nodes())));
        return all;
    }
}
