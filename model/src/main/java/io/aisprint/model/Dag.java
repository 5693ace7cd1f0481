package io.aisprint.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The application's DAG: edges between components with transition probabilities.
 *
 * @param nodes all component names (sources, sinks and isolated ones included)
 * @param edges the transitions
 */
public record Dag(List<String> nodes, List<Edge> edges) {

    /** A transition: after {@code from} finishes, {@code to} runs with {@code probability}. */
    public record Edge(String from, String to, double probability) {
    }

    public Dag {
        nodes = List.copyOf(new LinkedHashSet<>(nodes));
        edges = List.copyOf(edges);
    }

    public List<Edge> outgoing(String node) {
        return edges.stream().filter(e -> e.from().equals(node)).toList();
    }

    public List<Edge> incoming(String node) {
        return edges.stream().filter(e -> e.to().equals(node)).toList();
    }

    public List<String> successors(String node) {
        return outgoing(node).stream().map(Edge::to).toList();
    }

    public List<String> predecessors(String node) {
        return incoming(node).stream().map(Edge::from).toList();
    }

    public List<String> sources() {
        Set<String> targets = new LinkedHashSet<>();
        edges.forEach(e -> targets.add(e.to()));
        return nodes.stream().filter(n -> !targets.contains(n)).toList();
    }

    /**
     * Nodes in topological order (Kahn; ties in declaration order), or empty when the graph has a
     * cycle.
     */
    public Optional<List<String>> topologicalOrder() {
        Map<String, Integer> inDegree = new LinkedHashMap<>();
        nodes.forEach(n -> inDegree.put(n, 0));
        for (Edge edge : edges) {
            inDegree.putIfAbsent(edge.from(), 0);
            inDegree.merge(edge.to(), 1, Integer::sum);
        }
        Deque<String> ready = new ArrayDeque<>();
        inDegree.forEach((node, degree) -> {
            if (degree == 0) {
                ready.add(node);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String node = ready.removeFirst();
            order.add(node);
            for (Edge edge : outgoing(node)) {
                if (inDegree.merge(edge.to(), -1, Integer::sum) == 0) {
                    ready.addLast(edge.to());
                }
            }
        }
        return order.size() == inDegree.size() ? Optional.of(order) : Optional.empty();
    }

    /**
     * Arrival rate of every component: λ at the sources, Σ p·λ over predecessors elsewhere.
     *
     * @throws IllegalStateException when the graph has a cycle (validate first)
     */
    public Map<String, Double> componentLoads(double lambda) {
        List<String> order = topologicalOrder()
                .orElseThrow(() -> new IllegalStateException("the application graph has a cycle"));
        Map<String, Double> loads = new LinkedHashMap<>();
        Set<String> sources = new LinkedHashSet<>(sources());
        for (String node : order) {
            double load = sources.contains(node) ? lambda : 0.0;
            for (Edge edge : incoming(node)) {
                load += edge.probability() * loads.getOrDefault(edge.from(), 0.0);
            }
            loads.put(node, load);
        }
        return loads;
    }
}
