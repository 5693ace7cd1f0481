package io.aisprint.placement.internal;

import io.aisprint.model.Placement;
import io.aisprint.placement.PlacementException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Translates between the named {@link Placement} record and the index-based {@link Assignment}. */
public final class Conversions {
    private Conversions() {
    }

    /** {@code placement} with every used VM or edge cluster at its largest size (FaaS keeps its count). */
    public static Assignment toAssignmentAtLargestSize(CompiledProblem p, Placement placement) {
        Assignment assignment = toAssignment(p, placement);
        for (int r = 0; r < p.resourceCount; r++) {
            if (!p.isFaas[r]) {
                assignment.instances[r] = p.maxInstances[r];
            }
        }
        return assignment;
    }

    public static Assignment toAssignment(CompiledProblem p, Placement placement) {
        Assignment a = new Assignment(p);
        for (int c = 0; c < p.componentCount; c++) {
            String name = p.componentName[c];
            Placement.ComponentPlacement placed = placement.component(name)
                    .orElseThrow(() -> new PlacementException("the placement has no entry for component " + name));
            int d = deploymentIndex(p, c, placed.deployment());
            a.deployment[c] = d;
            int[] chain = p.deploymentSlots[p.componentDeployments[c][d]];
            for (int s : chain) {
                String partition = p.slotPartition[s];
                Placement.PartitionPlacement partitionPlacement = placed.partitions().stream()
                        .filter(pp -> pp.partition().equals(partition)).findFirst()
                        .orElseThrow(() -> new PlacementException("the placement of component " + name
                                + " does not place partition " + partition + " of deployment " + placed.deployment()));
                int r = p.resourceIndex(partitionPlacement.resource());
                if (r < 0) {
                    throw new PlacementException("partition " + name + "/" + partition + " is placed on an unknown resource '"
                            + partitionPlacement.resource() + "'");
                }
                a.resource[s] = r;
            }
        }
        for (int r = 0; r < p.resourceCount; r++) {
            a.instances[r] = p.isFaas[r] ? 1 : placement.instances().getOrDefault(p.resource[r].name(), 1);
        }
        return a;
    }

    private static int deploymentIndex(CompiledProblem p, int c, String deployment) {
        int[] deployments = p.componentDeployments[c];
        for (int d = 0; d < deployments.length; d++) {
            if (p.deploymentName[deployments[d]].equals(deployment)) {
                return d;
            }
        }
        throw new PlacementException("component " + p.componentName[c] + " has no deployment '" + deployment + "'");
    }

    /** The evaluated placement; {@code evaluator} must have just evaluated {@code a} with stopEarly = false. */
    public static Placement toPlacement(Evaluator evaluator, Assignment a, boolean feasible) {
        CompiledProblem p = evaluator.problem();
        Map<Integer, Placement.ComponentPlacement> byIndex = new LinkedHashMap<>();
        for (int c = 0; c < p.componentCount; c++) {
            int[] chain = p.deploymentSlots[p.componentDeployments[c][a.deployment[c]]];
            List<Placement.PartitionPlacement> partitions = new ArrayList<>();
            for (int s : chain) {
                partitions.add(new Placement.PartitionPlacement(p.slotPartition[s], p.resource[a.resource[s]].name(),
                        evaluator.slotTime[s]));
            }
            byIndex.put(c, new Placement.ComponentPlacement(p.componentName[c],
                    p.deploymentName[p.componentDeployments[c][a.deployment[c]]], partitions,
                    evaluator.componentTime[c], p.localLimit[c]));
        }
        // Keep the application's declaration order for people reading the output.
        List<Placement.ComponentPlacement> components = new ArrayList<>();
        for (var component : p.system.application().components()) {
            int c = p.componentIndex(component.name());
            components.add(byIndex.get(c));
        }
        Map<String, Integer> instances = new LinkedHashMap<>();
        for (int r = 0; r < p.resourceCount; r++) {
            if (evaluator.used[r] && !p.isFaas[r]) {
                instances.put(p.resource[r].name(), a.instances[r]);
            }
        }
        List<Placement.PathResponse> paths = new ArrayList<>();
        for (int q = 0; q < p.pathCount; q++) {
            List<String> names = new ArrayList<>();
            for (int c : p.pathComponents[q]) {
                names.add(p.componentName[c]);
            }
            paths.add(new Placement.PathResponse(p.pathName[q], names, evaluator.pathTime[q], p.pathLimit[q]));
        }
        return new Placement(p.lambda, components, instances, paths, evaluator.cost, feasible);
    }
}
