package io.aisprint.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AI application: components joined by a DAG, their candidate deployments, QoS limits and the
 * workload it must sustain.
 *
 * @param name               a human name (directory or file name)
 * @param components         the components, in declaration order
 * @param dag                transitions between components with their probabilities
 * @param localConstraints   upper bounds on single components' response times
 * @param globalConstraints  upper bounds on paths of consecutive components
 * @param lambda             requests per second arriving at the DAG's entry component
 * @param time               the cost horizon T (hours; a plain multiplier of the cost)
 */
public record Application(
        String name,
        List<Component> components,
        Dag dag,
        List<LocalConstraint> localConstraints,
        List<GlobalConstraint> globalConstraints,
        double lambda,
        double time) {

    public Application {
        components = List.copyOf(components);
        localConstraints = List.copyOf(localConstraints);
        globalConstraints = List.copyOf(globalConstraints);
    }

    public Optional<Component> component(String componentName) {
        return components.stream().filter(c -> c.name().equals(componentName)).findFirst();
    }

    public Map<String, Component> componentsByName() {
        Map<String, Component> byName = new LinkedHashMap<>();
        components.forEach(c -> byName.put(c.name(), c));
        return byName;
    }

    public Optional<LocalConstraint> localConstraint(String componentName) {
        return localConstraints.stream().filter(c -> c.component().equals(componentName)).findFirst();
    }

    /** The same application under another workload (the reference tools override λ on the command line). */
    public Application withLambda(double newLambda) {
        return new Application(name, components, dag, localConstraints, globalConstraints, newLambda, time);
    }
}
