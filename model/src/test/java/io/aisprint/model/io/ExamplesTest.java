package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.testsupport.Examples;
import io.aisprint.model.Component;
import io.aisprint.model.Deployment;
import io.aisprint.model.NetworkDomain;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples are valid, and mask-detection poses a real choice: checked by enumerating every
 * placement with the SPACE4AI-D queueing formulas (M/G/1 per resource, transfer = access delay +
 * MB / bandwidth, one resource type per layer), independently of the placement module.
 */
class ExamplesTest {

    /** One complete placement of mask-detection: the chosen resource of each partition, in order. */
    private record Choice(String maskDeployment, List<String> resources, double cost, boolean feasible) {
    }

    @Test
    void bothExamplesAreValidWithCompletePerformanceDeclarations() {
        for (String name : List.of("mask-detection", "wind-turbine-inspection")) {
            SystemDescription system = SystemReaders.read(Examples.require(name));
            var summary = io.aisprint.model.SystemSummary.of(system);
            assertThat(summary.performanceDeclared()).as(name).isEqualTo(summary.compatiblePairs()).isPositive();
            assertThat(system.application().localConstraints()).as(name).isNotEmpty();
            assertThat(system.application().globalConstraints()).as(name).isNotEmpty();
        }
        SystemDescription wind = SystemReaders.read(Examples.require("wind-turbine-inspection"));
        assertThat(wind.application().components()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(wind.continuum().layers()).extracting(l -> l.kind()).contains(
                io.aisprint.model.ResourceKind.EDGE, io.aisprint.model.ResourceKind.VM, io.aisprint.model.ResourceKind.FAAS);
    }

    @Test
    void maskDetectionIsFeasibleAndItsCheapestPlacementMixesEdgeAndCloud() {
        SystemDescription system = SystemReaders.read(Examples.require("mask-detection"));
        Component blurry = system.application().component("blurry-faces").orElseThrow();
        Component mask = system.application().component("mask-detector").orElseThrow();
        Partition blurryPartition = blurry.deployments().get(0).partitions().get(0);
        List<Choice> choices = new ArrayList<>();
        for (String blurryResource : blurryPartition.memoryByResource().keySet()) {
            for (Deployment deployment : mask.deployments()) {
                for (List<String> maskResources : combinations(deployment.partitions())) {
                    List<String> all = new ArrayList<>();
                    all.add(blurryResource);
                    all.addAll(maskResources);
                    choices.add(evaluate(system, blurryPartition, deployment, all));
                }
            }
        }
        List<Choice> feasible = choices.stream().filter(Choice::feasible).toList();
        assertThat(feasible).as("feasible placements at the default λ").hasSizeGreaterThanOrEqualTo(2);
        assertThat(choices).as("some placements violate the limits").anyMatch(c -> !c.feasible());
        Choice best = feasible.stream().min(java.util.Comparator.comparingDouble(Choice::cost)).orElseThrow();
        assertThat(best.resources()).as("cheapest: %s", best).contains("RaspberryPi4").contains("VM-t3xlarge");
        Choice edgeOnly = feasible.stream().filter(c -> c.resources().stream().allMatch("JetsonNano"::equals)).findFirst().orElseThrow();
        assertThat(edgeOnly.cost()).isGreaterThan(best.cost());
    }

    private static List<List<String>> combinations(List<Partition> partitions) {
        List<List<String>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        for (Partition partition : partitions) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : result) {
                for (String resource : partition.memoryByResource().keySet()) {
                    List<String> extended = new ArrayList<>(prefix);
                    extended.add(resource);
                    next.add(extended);
                }
            }
            result = next;
        }
        return result;
    }

    /** One instance per resource: enough for this example (each used VM is far from saturated). */
    private static Choice evaluate(SystemDescription system, Partition blurry, Deployment maskDeployment, List<String> resources) {
        double lambda = system.application().lambda();
        Map<String, Resource> byName = system.continuum().resourcesByName();
        List<Partition> partitions = new ArrayList<>();
        List<String> components = new ArrayList<>();
        partitions.add(blurry);
        components.add("blurry-faces");
        for (Partition partition : maskDeployment.partitions()) {
            partitions.add(partition);
            components.add("mask-detector");
        }
        Map<String, String> typeOfLayer = new HashMap<>();
        Map<String, Double> utilisation = new HashMap<>();
        Map<String, Double> memory = new HashMap<>();
        boolean feasible = true;
        for (int i = 0; i < partitions.size(); i++) {
            Resource resource = byName.get(resources.get(i));
            String previous = typeOfLayer.putIfAbsent(resource.layer(), resource.name());
            feasible &= previous == null || previous.equals(resource.name());
            double demand = demand(system, components.get(i), partitions.get(i), resource.name());
            utilisation.merge(resource.name(), demand * lambda, Double::sum);
            memory.merge(resource.name(), partitions.get(i).memoryByResource().get(resource.name()), Double::sum);
        }
        for (var entry : utilisation.entrySet()) {
            feasible &= entry.getValue() < 1 && memory.get(entry.getKey()) <= byName.get(entry.getKey()).memory();
        }
        if (!feasible) {
            return new Choice(maskDeployment.name(), resources, Double.POSITIVE_INFINITY, false);
        }
        double[] times = new double[partitions.size()];
        for (int i = 0; i < partitions.size(); i++) {
            String resource = resources.get(i);
            times[i] = demand(system, components.get(i), partitions.get(i), resource) / (1 - utilisation.get(resource));
        }
        double blurryTime = times[0];
        double maskTime = times[1];
        for (int i = 2; i < partitions.size(); i++) {
            maskTime += times[i] + transfer(system, resources.get(i - 1), resources.get(i), partitions.get(i - 1).dataSizes().get(0));
        }
        double path = blurryTime + transfer(system, resources.get(0), resources.get(1), blurry.dataSizes().get(0)) + maskTime;
        double limitBlurry = system.application().localConstraint("blurry-faces").orElseThrow().maxResponseTime();
        double limitMask = system.application().localConstraint("mask-detector").orElseThrow().maxResponseTime();
        double limitPath = system.application().globalConstraints().get(0).maxResponseTime();
        feasible = blurryTime <= limitBlurry && maskTime <= limitMask && path <= limitPath;
        double cost = utilisation.keySet().stream().mapToDouble(r -> ((NodeResource) byName.get(r)).cost()).sum();
        return new Choice(maskDeployment.name(), resources, cost, feasible);
    }

    private static double demand(SystemDescription system, String component, Partition partition, String resource) {
        return ((PerformanceModel.QueueDemand) system.performance().model(component, partition.name(), resource).orElseThrow()).demand();
    }

    private static double transfer(SystemDescription system, String from, String to, double megabytes) {
        if (from.equals(to)) {
            return 0;
        }
        Map<String, Resource> byName = system.continuum().resourcesByName();
        String fromLayer = byName.get(from).layer();
        String toLayer = byName.get(to).layer();
        double best = Double.POSITIVE_INFINITY;
        for (NetworkDomain domain : system.continuum().networkDomains()) {
            if (domain.layers().contains(fromLayer) && domain.layers().contains(toLayer)) {
                best = Math.min(best, domain.accessDelay() + megabytes / domain.bandwidth());
            }
        }
        return best;
    }
}
