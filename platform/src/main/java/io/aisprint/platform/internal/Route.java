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
     * @param code       the partition's code where it runs in this process (null on a cluster)
     * @param demand     mean service time in application seconds (warm time for FaaS; NaN on a cluster: measured)
     * @param demandCold service time of a cold start (FaaS only, else NaN)
     * @param partitions how many partitions the component's deployment chains (this one is {@code index})
     */
    public record Step(String component, Partition partition, int index, String resource, boolean faas,
            List<String> nodes, PartitionCode code, double demand, double demandCold, int partitions) {
        public Step {
            nodes = List.copyOf(nodes);
        }
    }

    /** The partitions a placed component chains, in order, or a clear error when the placement names unknown ones. */
    static List<Partition> partitionsOf(io.aisprint.model.SystemDescription system, Placement.ComponentPlacement chosen) {
        io.aisprint.model.Component component = system.application().componentsByName().get(chosen.component());
        io.aisprint.model.Deployment deployment = component.deployment(chosen.deployment()).orElseThrow(
                () -> new io.aisprint.platform.PlatformException("the placement names deployment '" + chosen.deployment()
                        + "' that " + chosen.component() + " does not have"));
        return chosen.partitions().stream().map(part -> deployment.partition(part.partition()).orElseThrow(
                () -> new io.aisprint.platform.PlatformException("the placement names partition '" + part.partition()
                        + "' that " + chosen.component() + " does not have"))).toList();
    }

    /** Every node some step of this route sends work to. */
    public java.util.Set<String> nodes() {
        java.util.Set<String> all = new java.util.HashSet<>();
        components.values().forEach(c -> c.steps().forEach(s -> all.addAll(s.nodes())));
        return all;
    }
}
