package io.aisprint.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A placement: the chosen deployment of every component, the resource of every partition and the
 * instance count of every used edge/VM resource, with the predicted response times and cost.
 * Predicted values are {@code NaN} when the placement has not been evaluated; limits are
 * {@code +Infinity} when absent.
 *
 * @param lambda     the workload it was computed for
 * @param components one entry per component, in application order
 * @param instances  instance count per used edge/VM resource name
 * @param paths      the global constraints' paths with their predicted response times
 * @param totalCost  predicted total cost over the horizon
 * @param feasible   whether every constraint holds
 */
public record Placement(
        double lambda,
        List<ComponentPlacement> components,
        Map<String, Integer> instances,
        List<PathResponse> paths,
        double totalCost,
        boolean feasible) {

    public Placement {
        components = List.copyOf(components);
        instances = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(instances));
        paths = List.copyOf(paths);
    }

    /** The deployment and partition placement of one component. */
    public record ComponentPlacement(
            String component,
            String deployment,
            List<PartitionPlacement> partitions,
            double responseTime,
            double responseTimeLimit) {
        public ComponentPlacement {
            partitions = List.copyOf(partitions);
        }
    }

    /** Where one partition runs, and its predicted response time there. */
    public record PartitionPlacement(String partition, String resource, double responseTime) {
    }

    /** A path of the global constraints with its predicted response time. */
    public record PathResponse(String name, List<String> components, double responseTime, double responseTimeLimit) {
        public PathResponse {
            components = List.copyOf(components);
        }
    }

    public Optional<ComponentPlacement> component(String name) {
        return components.stream().filter(c -> c.component().equals(name)).findFirst();
    }
}
