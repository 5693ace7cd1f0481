package io.aisprint.model;

import java.util.List;

/**
 * The counts a user checks first after reading a system: what the application holds, what the
 * continuum offers and how much of it has performance declarations.
 *
 * @param performanceDeclared compatible (component, partition, resource) triples with a declaration
 * @param compatiblePairs     all compatible (component, partition, resource) triples
 */
public record SystemSummary(
        String name,
        int components,
        int deployments,
        int partitions,
        int dagEdges,
        List<LayerSummary> layers,
        int networkDomains,
        int localConstraints,
        int globalConstraints,
        double lambda,
        double time,
        int performanceDeclared,
        int compatiblePairs) {

    /** One computational layer: its kind and how many resources it offers. */
    public record LayerSummary(String name, ResourceKind kind, int resources) {
    }

    public SystemSummary {
        layers = List.copyOf(layers);
    }

    public static SystemSummary of(SystemDescription system) {
        Application application = system.application();
        int deployments = 0;
        int partitions = 0;
        int declared = 0;
        int compatible = 0;
        for (Component component : application.components()) {
            deployments += component.deployments().size();
            for (Deployment deployment : component.deployments()) {
                partitions += deployment.partitions().size();
                for (Partition partition : deployment.partitions()) {
                    for (String resource : partition.memoryByResource().keySet()) {
                        compatible++;
                        if (system.performance().model(component.name(), partition.name(), resource).isPresent()) {
                            declared++;
                        }
                    }
                }
            }
        }
        List<LayerSummary> layers = system.continuum().layers().stream()
                .map(l -> new LayerSummary(l.name(), l.kind(), l.resources().size())).toList();
        return new SystemSummary(application.name(), application.components().size(), deployments, partitions,
                application.dag().edges().size(), layers, system.continuum().networkDomains().size(),
                application.localConstraints().size(), application.globalConstraints().size(),
                application.lambda(), application.time(), declared, compatible);
    }

    public int resources(ResourceKind kind) {
        return layers.stream().filter(l -> l.kind() == kind).mapToInt(LayerSummary::resources).sum();
    }
}
