package io.aisprint.model.validate;

import io.aisprint.model.Application;
import io.aisprint.model.Component;
import io.aisprint.model.ComputationalLayer;
import io.aisprint.model.Dag;
import io.aisprint.model.Deployment;
import io.aisprint.model.FaasResource;
import io.aisprint.model.GlobalConstraint;
import io.aisprint.model.LocalConstraint;
import io.aisprint.model.NetworkDomain;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.Problem;
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.validate.Subject.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the meaning of a structurally read system and lists every problem at once: DAG cycles and
 * unknown names, probabilities, partition chains, compatibility, performance declarations, costs
 * and capacities, network domains and QoS constraints.
 */
public final class Validator {
    /** Tolerance on probability sums, which the reference files write with rounding. */
    private static final double EPSILON = 1e-9;

    private final SystemDescription system;
    private final Locator locator;
    private final boolean requirePerformance;
    private final List<Problem> problems = new ArrayList<>();

    private Validator(SystemDescription system, Locator locator, boolean requirePerformance) {
        this.system = system;
        this.locator = locator;
        this.requirePerformance = requirePerformance;
    }

    /**
     * Validates {@code system}.
     *
     * @param requirePerformance whether every compatible (component, partition, resource) triple
     *                           must have a performance declaration; an application directory may
     *                           legitimately have none, or some, yet (it is profiled later)
     */
    public static List<Problem> validate(SystemDescription system, Locator locator, boolean requirePerformance) {
        Validator validator = new Validator(system, locator, requirePerformance);
        validator.run();
        return List.copyOf(validator.problems);
    }

    private void add(Subject subject, String message) {
        problems.add(locator.problem(subject, message));
    }

    private void run() {
        Application application = system.application();
        Map<String, Resource> resources = checkContinuum();
        checkWorkload(application);
        checkDag(application);
        checkComponents(application, resources);
        checkPerformance(application);
        checkLocalConstraints(application);
        checkGlobalConstraints(application);
    }

    private void checkWorkload(Application application) {
        if (!(application.lambda() > 0) || Double.isInfinite(application.lambda())) {
            add(Subject.of(Kind.LAMBDA), "the workload λ is " + application.lambda()
                    + "; expected a positive number of requests per second");
        }
        if (!(application.time() > 0) || Double.isInfinite(application.time())) {
            add(Subject.of(Kind.TIME), "the cost horizon is " + application.time() + "; expected a positive number of hours");
        }
    }

    private Map<String, Resource> checkContinuum() {
        Map<String, Resource> byName = new LinkedHashMap<>();
        Set<String> layers = new HashSet<>();
        for (ComputationalLayer layer : system.continuum().layers()) {
            if (!layers.add(layer.name())) {
                add(Subject.of(Kind.LAYER, layer.name()), "the computational layer " + layer.name()
                        + " is declared twice; expected unique layer names");
            }
            if (layer.resources().isEmpty()) {
                add(Subject.of(Kind.LAYER, layer.name()), "the computational layer has no resources; expected at least one");
            }
            for (Resource resource : layer.resources()) {
                Subject subject = Subject.of(Kind.RESOURCE, layer.name(), resource.name());
                if (byName.putIfAbsent(resource.name(), resource) != null) {
                    add(subject, "the resource name " + resource.name() + " is used twice; expected unique resource names");
                }
                checkResource(resource, subject);
            }
        }
        if (byName.isEmpty()) {
            add(Subject.of(Kind.SYSTEM), "the continuum has no resources; expected at least one edge device, VM or FaaS");
        }
        for (NetworkDomain domain : system.continuum().networkDomains()) {
            Subject subject = Subject.of(Kind.NETWORK_DOMAIN, domain.name());
            for (String layer : domain.layers()) {
                if (!layers.contains(layer)) {
                    add(subject, "unknown computational layer " + layer + "; expected one of " + layers);
                }
            }
            if (!(domain.bandwidth() > 0)) {
                add(subject, "bandwidth " + domain.bandwidth() + "; expected a positive number of Mb/s");
            }
            if (!(domain.accessDelay() >= 0)) {
                add(subject, "access delay " + domain.accessDelay() + "; expected zero or more seconds");
            }
        }
        return byName;
    }

    private void checkResource(Resource resource, Subject subject) {
        if (!(resource.cost() > 0) || Double.isInfinite(resource.cost())) {
            add(subject, "cost " + resource.cost() + "; expected a positive price");
        }
        if (!(resource.memory() > 0) || Double.isInfinite(resource.memory())) {
            add(subject, "memory " + resource.memory() + "; expected a positive number of MB");
        }
        if (resource instanceof NodeResource node) {
            if (node.number() <= 0) {
                add(subject, "number " + node.number() + "; expected at least one instance");
            }
            if (node.cores() <= 0) {
                add(subject, "cores " + node.cores() + "; expected at least one core");
            }
        } else if (resource instanceof FaasResource faas) {
            if (!(faas.idleTimeBeforeKill() >= 0)) {
                add(subject, "idle time before kill " + faas.idleTimeBeforeKill() + "; expected zero or more seconds");
            }
            if (!(faas.transitionCost() >= 0)) {
                add(subject, "transition cost " + faas.transitionCost() + "; expected zero or more");
            }
        }
    }

    private void checkDag(Application application) {
        Dag dag = application.dag();
        Set<String> components = application.componentsByName().keySet();
        for (String node : dag.nodes()) {
            if (!components.contains(node)) {
                add(Subject.of(Kind.DAG_NODE, node), "the DAG names the unknown component " + node
                        + "; expected one of " + components);
            }
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        Set<String> seenEdges = new HashSet<>();
        for (Dag.Edge edge : dag.edges()) {
            Subject subject = Subject.of(Kind.DAG_EDGE, edge.from(), edge.to());
            if (!components.contains(edge.from()) || !components.contains(edge.to())) {
                String unknown = components.contains(edge.from()) ? edge.to() : edge.from();
                add(subject, "the transition " + edge.from() + " -> " + edge.to() + " names the unknown component "
                        + unknown + "; expected one of " + components);
            }
            if (!seenEdges.add(edge.from() + "\u0000" + edge.to())) {
                add(subject, "the transition " + edge.from() + " -> " + edge.to() + " is declared twice");
            }
            if (!(edge.probability() >= 0 && edge.probability() <= 1)) {
                add(subject, "transition probability " + edge.probability() + "; expected a value in [0, 1]");
            }
            sums.merge(edge.from(), edge.probability(), Double::sum);
        }
        sums.forEach((node, sum) -> {
            if (sum > 1 + EPSILON) {
                add(Subject.of(Kind.DAG_NODE, node), "the transition probabilities out of " + node + " sum to " + sum
                        + "; expected at most 1");
            }
        });
        if (dag.topologicalOrder().isEmpty()) {
            add(Subject.of(Kind.DAG), "the application graph has a cycle (" + String.join(" -> ", cycle(dag))
                    + "); expected a directed acyclic graph");
        }
    }

    /** One cycle of the graph, found by depth-first search (first node repeated at the end). */
    private static List<String> cycle(Dag dag) {
        Map<String, Integer> state = new HashMap<>();
        List<String> stack = new ArrayList<>();
        for (String start : dag.nodes()) {
            List<String> found = visit(dag, start, state, stack);
            if (found != null) {
                return found;
            }
        }
        for (Dag.Edge edge : dag.edges()) {
            List<String> found = visit(dag, edge.from(), state, stack);
            if (found != null) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(Dag dag, String node, Map<String, Integer> state, List<String> stack) {
        Integer current = state.get(node);
        if (current != null && current == 2) {
            return null;
        }
        if (current != null && current == 1) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        stack.add(node);
        for (String next : dag.successors(node)) {
            List<String> found = visit(dag, next, state, stack);
            if (found != null) {
                return found;
            }
        }
        stack.remove(stack.size() - 1);
        state.put(node, 2);
        return null;
    }

    private void checkComponents(Application application, Map<String, Resource> resources) {
        Set<String> names = new HashSet<>();
        for (Component component : application.components()) {
            Subject componentSubject = Subject.of(Kind.COMPONENT, component.name());
            if (!names.add(component.name())) {
                add(componentSubject, "the component " + component.name() + " is declared twice");
            }
            if (component.deployments().isEmpty()) {
                add(componentSubject, "the component has no deployment; expected at least one");
            }
            List<String> successors = application.dag().successors(component.name());
            Set<String> deploymentNames = new HashSet<>();
            for (Deployment deployment : component.deployments()) {
                Subject deploymentSubject = Subject.of(Kind.DEPLOYMENT, component.name(), deployment.name());
                if (!deploymentNames.add(deployment.name())) {
                    add(deploymentSubject, "the deployment " + deployment.name() + " is declared twice");
                }
                if (deployment.partitions().isEmpty()) {
                    add(deploymentSubject, "the deployment has no partition; expected at least one");
                    continue;
                }
                for (int i = 0; i < deployment.partitions().size(); i++) {
                    Partition partition = deployment.partitions().get(i);
                    boolean last = i == deployment.partitions().size() - 1;
                    List<String> expectedNext = last ? successors : List.of(deployment.partitions().get(i + 1).name());
                    checkPartition(component, deployment, partition, expectedNext, last, resources);
                }
            }
        }
    }

    private void checkPartition(Component component, Deployment deployment, Partition partition,
            List<String> expectedNext, boolean last, Map<String, Resource> resources) {
        Subject subject = Subject.of(Kind.PARTITION, component.name(), deployment.name(), partition.name());
        if (!(partition.earlyExitProbability() >= 0 && partition.earlyExitProbability() <= 1)) {
            add(subject, "early exit probability " + partition.earlyExitProbability() + "; expected a value in [0, 1]");
        }
        if (!new LinkedHashSet<>(partition.next()).equals(new LinkedHashSet<>(expectedNext))) {
            add(subject, "the partition chain is broken: next is " + partition.next() + " but expected " + expectedNext
                    + (last ? " (the DAG successors of " + component.name() + ")" : " (the following partition)"));
        }
        for (Double size : partition.dataSizes()) {
            if (!(size >= 0) || size.isInfinite()) {
                add(subject, "data size " + size + "; expected zero or more MB");
            }
        }
        if (partition.memoryByResource().isEmpty()) {
            add(subject, "the partition has no compatible resource; expected at least one");
        }
        partition.memoryByResource().forEach((resource, memory) -> {
            Subject entry = Subject.of(Kind.COMPATIBILITY, component.name(), deployment.name(), partition.name(), resource);
            if (!resources.containsKey(resource)) {
                add(entry, "unknown resource " + resource + " in the compatibility list; expected one of "
                        + resources.keySet());
            }
            if (!(memory >= 0) || memory.isInfinite()) {
                add(entry, "memory requirement " + memory + "; expected zero or more MB");
            }
        });
    }

    private void checkPerformance(Application application) {
        // An application directory may be profiled piece by piece (resources whose workers are up
        // first): missing declarations are then a readiness question `validate` answers, not an error.
        boolean required = requirePerformance;
        Set<String> known = system.continuum().resourcesByName().keySet();
        for (Component component : application.components()) {
            for (Deployment deployment : component.deployments()) {
                for (Partition partition : deployment.partitions()) {
                    for (String resource : partition.memoryByResource().keySet()) {
                        if (!known.contains(resource)) {
                            continue; // already reported as an unknown resource
                        }
                        Subject subject = Subject.of(Kind.PERFORMANCE, component.name(), partition.name(), resource);
                        var model = system.performance().model(component.name(), partition.name(), resource);
                        if (model.isEmpty()) {
                            if (required) {
                                add(subject, "no performance declaration for partition " + partition.name() + " of "
                                        + component.name() + " on " + resource + "; expected a model with its demand");
                            }
                        } else {
                            checkModel(model.get(), subject);
                        }
                    }
                }
            }
        }
    }

    private void checkModel(PerformanceModel model, Subject subject) {
        if (model instanceof PerformanceModel.QueueDemand queue && !(queue.demand() > 0 && Double.isFinite(queue.demand()))) {
            add(subject, "demand " + queue.demand() + "; expected a positive number of seconds");
        } else if (model instanceof PerformanceModel.FaasDemand faas) {
            if (!(faas.demandWarm() > 0 && Double.isFinite(faas.demandWarm()))) {
                add(subject, "warm demand " + faas.demandWarm() + "; expected a positive number of seconds");
            }
            if (!(faas.demandCold() > 0 && Double.isFinite(faas.demandCold()))) {
                add(subject, "cold demand " + faas.demandCold() + "; expected a positive number of seconds");
            }
        }
    }

    private void checkLocalConstraints(Application application) {
        Set<String> components = application.componentsByName().keySet();
        for (LocalConstraint constraint : application.localConstraints()) {
            Subject subject = Subject.of(Kind.LOCAL_CONSTRAINT, constraint.component());
            if (!components.contains(constraint.component())) {
                add(subject, "the local constraint names the unknown component " + constraint.component()
                        + "; expected one of " + components);
            }
            if (!(constraint.maxResponseTime() > 0)) {
                add(subject, "response time limit " + constraint.maxResponseTime() + "; expected a positive number of seconds");
            }
        }
    }

    private void checkGlobalConstraints(Application application) {
        Set<String> components = application.componentsByName().keySet();
        for (GlobalConstraint constraint : application.globalConstraints()) {
            Subject subject = Subject.of(Kind.GLOBAL_CONSTRAINT, constraint.name());
            List<String> path = constraint.components();
            if (path.isEmpty()) {
                add(subject, "the path has no components; expected consecutive components of the DAG");
            }
            for (String component : path) {
                if (!components.contains(component)) {
                    add(subject, "the path names the unknown component " + component + "; expected one of " + components);
                }
            }
            for (int i = 0; i + 1 < path.size(); i++) {
                if (!application.dag().successors(path.get(i)).contains(path.get(i + 1))) {
                    add(subject, "the path components are not consecutive in the DAG: no transition " + path.get(i)
                            + " -> " + path.get(i + 1));
                }
            }
            if (!(constraint.maxResponseTime() > 0)) {
                add(subject, "response time limit " + constraint.maxResponseTime() + "; expected a positive number of seconds");
            }
        }
    }
}
