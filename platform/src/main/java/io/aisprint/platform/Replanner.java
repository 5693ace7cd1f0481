package io.aisprint.platform;

import io.aisprint.model.Application;
import io.aisprint.model.Component;
import io.aisprint.model.ComputationalLayer;
import io.aisprint.model.Continuum;
import io.aisprint.model.Deployment;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.Placement;
import io.aisprint.model.Resource;
import io.aisprint.model.ResourceKind;
import io.aisprint.model.SystemDescription;
import io.aisprint.placement.DesignOptions;
import io.aisprint.placement.DesignResult;
import io.aisprint.placement.Designer;
import io.aisprint.placement.PlacementEvaluator;
import io.aisprint.placement.SearchMethod;
import io.aisprint.placement.Semantics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Run-time re-placement after SPACE4AI-R (placement reference §4): re-optimise at the observed load
 * under the run-time rules, then prefer the candidate with the fewest moves among those (nearly) as
 * cheap as the cheapest.
 *
 * <p>Run-time rules: only the edge devices deployed at design time may be used, at most as many as
 * are deployed, and their cost counts at {@code edgeCostShare} (ε; owned devices only cost energy);
 * a VM layer that is in use keeps its VM type (the cluster size may change); FaaS is free.
 *
 * <p>Built on the placement module's public API ({@link Designer}, {@link PlacementEvaluator}) by
 * restricting the system the designer sees; it could move into the placement module later.
 */
public final class Replanner {
    /** Candidates within this relative cost of the cheapest compete on the number of moves. */
    static final double COST_TIE = 0.01;

    private Replanner() {
    }

    /**
     * @param edgeCostShare ε, the share of an edge device's cost counted at run time
     * @param timeLimit     wall-clock budget of the search
     * @param seed          search seed
     * @param threads       search threads
     */
    public record Options(double edgeCostShare, Duration timeLimit, long seed, int threads) {
        public static Options defaults() {
            return new Options(0.1, Duration.ofMillis(250), 1, 1);
        }
    }

    /**
     * A re-plan outcome.
     *
     * @param placement   the placement to apply (the current one when nothing better was found), empty when
     *                    nothing is feasible at this load under the run-time rules
     * @param changed     whether {@code placement} differs from the current one
     * @param costBefore  cost per hour of the current placement at the new load (run-time prices)
     * @param costAfter   cost per hour of {@code placement} (run-time prices)
     * @param moves       partitions that change resource plus instances added or removed
     * @param seconds     wall time of the re-plan
     * @param explanation why nothing feasible was found (empty otherwise)
     */
    public record Result(Optional<Placement> placement, boolean changed, double costBefore, double costAfter, int moves,
            double seconds, List<String> explanation) {
        public Result {
            explanation = List.copyOf(explanation);
        }
    }

    /** Re-plans {@code current} at {@code lambda}; {@code deployed} is the design-time placement whose edge devices are owned. */
    public static Result replan(SystemDescription system, Placement deployed, Placement current, double lambda, Options options) {
        long start = System.nanoTime();
        SystemDescription restricted;
        try {
            restricted = runtimeSystem(system, deployed, current, options.edgeCostShare());
        } catch (PlatformException e) {
            return new Result(Optional.empty(), false, Double.NaN, Double.NaN, 0, seconds(start), List.of(e.getMessage()));
        }
        double hours = system.application().time() > 0 ? system.application().time() : 1.0;
        double costBefore = Double.NaN;
        boolean currentFeasible = false;
        Placement currentEvaluated = current;
        try {
            PlacementEvaluator.Evaluation evaluation = PlacementEvaluator.evaluate(restricted, current, lambda, Semantics.cpp());
            costBefore = evaluation.placement().totalCost() / hours;
            currentFeasible = evaluation.feasible();
            currentEvaluated = evaluation.placement();
        } catch (RuntimeException e) {
            // The current placement cannot even be evaluated under the run-time rules; any feasible one is better.
        }
        DesignOptions design = DesignOptions.defaults().withMethod(SearchMethod.AUTO).withTimeLimit(options.timeLimit())
                .withSeed(options.seed()).withThreads(options.threads());
        DesignResult result;
        try {
            result = Designer.create().design(restricted, lambda, design);
        } catch (RuntimeException e) {
            return new Result(Optional.empty(), false, costBefore, Double.NaN, 0, seconds(start), List.of(e.getMessage()));
        }
        if (result.best().isEmpty()) {
            List<String> why = result.explanation().isEmpty()
                    ? List.of("no feasible placement at λ = " + lambda + " req/s under the run-time rules") : result.explanation();
            return new Result(Optional.empty(), false, costBefore, Double.NaN, 0, seconds(start), why);
        }
        double cheapest = result.best().get().totalCost();
        Placement chosen = result.best().get();
        int chosenMoves = moves(current, chosen);
        for (Placement candidate : result.elite()) {
            if (candidate.totalCost() <= cheapest * (1 + COST_TIE) + 1e-12) {
                int candidateMoves = moves(current, candidate);
                if (candidateMoves < chosenMoves) {
                    chosen = candidate;
                    chosenMoves = candidateMoves;
                }
            }
        }
        if (currentFeasible && (chosenMoves == 0 || costBefore <= chosen.totalCost() / hours * (1 + COST_TIE) + 1e-12)) {
            return new Result(Optional.of(currentEvaluated), false, costBefore, costBefore, 0, seconds(start), List.of());
        }
        return new Result(Optional.of(chosen), chosenMoves > 0, costBefore, chosen.totalCost() / hours, chosenMoves,
                seconds(start), List.of());
    }

    /** Cost per hour of {@code placement} at {@code lambda} with run-time prices (edge cost times ε). */
    public static double costPerHour(SystemDescription system, Placement deployed, Placement placement, double lambda,
            double edgeCostShare) {
        SystemDescription restricted = runtimeSystem(system, deployed, placement, edgeCostShare);
        double hours = system.application().time() > 0 ? system.application().time() : 1.0;
        return PlacementEvaluator.evaluate(restricted, placement, lambda, Semantics.cpp()).placement().totalCost() / hours;
    }

    /** Partitions that change resource plus instances added or removed, from {@code from} to {@code to}. */
    public static int moves(Placement from, Placement to) {
        int moves = 0;
        Map<String, String> before = resourcesByPartition(from);
        Map<String, String> after = resourcesByPartition(to);
        for (Map.Entry<String, String> entry : after.entrySet()) {
            if (!entry.getValue().equals(before.get(entry.getKey()))) {
                moves++;
            }
        }
        Set<String> resources = new java.util.HashSet<>(from.instances().keySet());
        resources.addAll(to.instances().keySet());
        for (String resource : resources) {
            moves += Math.abs(from.instances().getOrDefault(resource, 0) - to.instances().getOrDefault(resource, 0));
        }
        return moves;
    }

    private static Map<String, String> resourcesByPartition(Placement placement) {
        Map<String, String> result = new HashMap<>();
        for (Placement.ComponentPlacement component : placement.components()) {
            for (Placement.PartitionPlacement partition : component.partitions()) {
                result.put(component.component() + "/" + component.deployment() + "/" + partition.partition(), partition.resource());
            }
        }
        return result;
    }

    /**
     * The system as the run-time optimiser sees it: edge layers hold only the deployed devices (at
     * most the deployed count, cost times ε), a VM layer in use holds only its current type, and
     * partitions and deployments lose the candidates that are gone.
     */
    public static SystemDescription runtimeSystem(SystemDescription system, Placement deployed, Placement current,
            double edgeCostShare) {
        Map<String, Integer> deployedEdge = new LinkedHashMap<>();
        Map<String, Integer> currentVm = new LinkedHashMap<>();
        Map<String, Resource> byName = system.continuum().resourcesByName();
        deployed.instances().forEach((name, count) -> {
            Resource resource = byName.get(name);
            if (resource != null && resource.kind() == ResourceKind.EDGE && count > 0) {
                deployedEdge.put(name, count);
            }
        });
        current.instances().forEach((name, count) -> {
            Resource resource = byName.get(name);
            if (resource != null && resource.kind() == ResourceKind.VM && count > 0) {
                currentVm.put(name, count);
            }
        });
        List<ComputationalLayer> layers = new ArrayList<>();
        for (ComputationalLayer layer : system.continuum().layers()) {
            List<Resource> resources = new ArrayList<>();
            boolean vmLayerInUse = layer.resources().stream().anyMatch(r -> currentVm.containsKey(r.name()));
            for (Resource resource : layer.resources()) {
                if (resource instanceof NodeResource node && node.kind() == ResourceKind.EDGE) {
                    Integer count = deployedEdge.get(node.name());
                    if (count != null) {
                        resources.add(new NodeResource(node.name(), node.layer(), node.kind(), node.description(),
                                Math.min(node.number(), count), node.cost() * edgeCostShare, node.memory(), node.cores()));
                    }
                } else if (resource instanceof NodeResource node && node.kind() == ResourceKind.VM) {
                    if (!vmLayerInUse || currentVm.containsKey(node.name())) {
                        resources.add(node);
                    }
                } else {
                    resources.add(resource);
                }
            }
            if (!resources.isEmpty()) {
                layers.add(new ComputationalLayer(layer.name(), layer.kind(), resources));
            }
        }
        return withLayers(system, layers, "under the run-time rules (deployed edge devices and VM types only)");
    }

    /**
     * The system on the resources that have live cluster workers: a resource without a worker labelled
     * with its name is gone, and a node resource offers at most as many instances as it has workers.
     */
    public static SystemDescription liveSystem(SystemDescription system, Map<String, Integer> workersPerResource) {
        List<ComputationalLayer> layers = new ArrayList<>();
        for (ComputationalLayer layer : system.continuum().layers()) {
            List<Resource> resources = new ArrayList<>();
            for (Resource resource : layer.resources()) {
                int workers = workersPerResource.getOrDefault(resource.name(), 0);
                if (workers <= 0) {
                    continue;
                }
                if (resource instanceof NodeResource node) {
                    resources.add(new NodeResource(node.name(), node.layer(), node.kind(), node.description(),
                            Math.min(node.number(), workers), node.cost(), node.memory(), node.cores()));
                } else {
                    resources.add(resource);
                }
            }
            if (!resources.isEmpty()) {
                layers.add(new ComputationalLayer(layer.name(), layer.kind(), resources));
            }
        }
        return withLayers(system, layers, "on the live workers " + workersPerResource
                + "\nMaybe start a worker with --labels resource=R for one of its candidate resources");
    }

    /** {@code system} on {@code layers} only: partitions and deployments lose the candidates that are gone. */
    private static SystemDescription withLayers(SystemDescription system, List<ComputationalLayer> layers, String where) {
        Set<String> kept = new java.util.HashSet<>();
        layers.forEach(layer -> layer.resources().forEach(r -> kept.add(r.name())));
        List<Component> components = new ArrayList<>();
        for (Component component : system.application().components()) {
            List<Deployment> deployments = new ArrayList<>();
            for (Deployment deployment : component.deployments()) {
                List<Partition> partitions = new ArrayList<>();
                boolean usable = true;
                for (Partition partition : deployment.partitions()) {
                    Map<String, Double> memory = new LinkedHashMap<>();
                    partition.memoryByResource().forEach((resource, mb) -> {
                        if (kept.contains(resource)) {
                            memory.put(resource, mb);
                        }
                    });
                    usable &= !memory.isEmpty();
                    partitions.add(new Partition(partition.name(), partition.earlyExitProbability(), partition.next(),
                            partition.dataSizes(), memory));
                }
                if (usable) {
                    deployments.add(new Deployment(deployment.name(), partitions));
                }
            }
            if (deployments.isEmpty()) {
                throw new PlatformException("component " + component.name() + " has no candidate left " + where);
            }
            components.add(new Component(component.name(), deployments));
        }
        Application application = system.application();
        Application restricted = new Application(application.name(), components, application.dag(),
                application.localConstraints(), application.globalConstraints(), application.lambda(), application.time());
        return new SystemDescription(restricted, new Continuum(layers, system.continuum().networkDomains()),
                system.performance(), system.source());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
