package io.aisprint.deploy.internal;

import io.aisprint.deploy.DeployException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code application_dag.yaml} ({@code System.{name, components, dependencies}}): the components
 * (or partitions) in file order and the edges in file order, which is the order toscarizer wires
 * buckets in.
 *
 * @param name the application name with underscores turned into dashes, as toscarizer names it
 */
public record ApplicationDag(String file, String name, List<String> components, List<Edge> edges) {
    public record Edge(String from, String to) {
    }

    public ApplicationDag {
        components = List.copyOf(components);
        edges = List.copyOf(edges);
    }

    public static ApplicationDag read(Path path) {
        String file = path.toString();
        Map<String, Object> root = Trees.map(YamlFiles.read(path), file, "");
        Map<String, Object> system = Trees.requireMap(root, "System", file, "");
        String name = Trees.requireString(system, "name", file, "System").replace('_', '-');
        List<String> components = new ArrayList<>();
        List<Object> listed = Trees.list(Trees.require(system, "components", file, "System"), file, "System.components");
        for (Object component : listed) {
            components.add(String.valueOf(component));
        }
        List<Edge> edges = new ArrayList<>();
        Object dependencies = system.get("dependencies");
        List<Object> dependencyList = dependencies == null ? List.of() : Trees.list(dependencies, file, "System.dependencies");
        for (int i = 0; i < dependencyList.size(); i++) {
            String field = "System.dependencies[" + i + "]";
            List<Object> edge = Trees.list(dependencyList.get(i), file, field);
            if (edge.size() < 2) {
                throw new DeployException(DeployException.Code.INVALID_FIELD, file, field,
                        "expected [from, to, weight], found " + edge);
            }
            String from = String.valueOf(edge.get(0));
            String to = String.valueOf(edge.get(1));
            for (String end : List.of(from, to)) {
                if (!components.contains(end)) {
                    throw new DeployException(DeployException.Code.INVALID_FIELD, file, field,
                            "names the component '" + end + "' that System.components lacks (" + components + ")");
                }
            }
            edges.add(new Edge(from, to));
        }
        return new ApplicationDag(file, name, components, edges);
    }

    public List<String> successors(String component) {
        return edges.stream().filter(e -> e.from().equals(component)).map(Edge::to).distinct().toList();
    }

    public List<String> predecessors(String component) {
        return edges.stream().filter(e -> e.to().equals(component)).map(Edge::from).distinct().toList();
    }

    /**
     * The DAG with each component that runs as a chain of partitions replaced by that chain, in
     * the order given ({@code c} → {@code c_partition1_1} → {@code c_partition1_2}): a production
     * deployment written by {@code aisprint design} names partitions, while the application's
     * DAG names components.
     */
    public ApplicationDag expand(Map<String, List<String>> chains) {
        if (chains.isEmpty()) {
            return this;
        }
        List<String> expanded = new ArrayList<>();
        List<Edge> expandedEdges = new ArrayList<>();
        for (String component : components) {
            List<String> chain = chains.getOrDefault(component, List.of(component));
            expanded.addAll(chain);
            for (int i = 1; i < chain.size(); i++) {
                expandedEdges.add(new Edge(chain.get(i - 1), chain.get(i)));
            }
        }
        for (Edge edge : edges) {
            List<String> from = chains.getOrDefault(edge.from(), List.of(edge.from()));
            List<String> to = chains.getOrDefault(edge.to(), List.of(edge.to()));
            expandedEdges.add(new Edge(from.get(from.size() - 1), to.get(0)));
        }
        return new ApplicationDag(file, name, expanded, expandedEdges);
    }
}
