package io.aisprint.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.aisprint.model.Application;
import io.aisprint.model.Component;
import io.aisprint.model.Deployment;
import io.aisprint.model.GlobalConstraint;
import io.aisprint.model.ModelException;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.Placement;
import io.aisprint.model.Problem;
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads a SPACE4AI-D solution JSON (C++/SPACE4AI-R layout, with or without the deployment level,
 * FaaS entries with or without it, costs as numbers or strings, {@code "inf"} thresholds) into a
 * {@link Placement} of the given system. The stored response times and total cost are kept as
 * read; re-evaluate the placement to trust them. The cluster size of a resource is the largest
 * {@code number} listed for it (stored files sometimes list different ones). A key the layout does
 * not have is an error with its line and the nearest allowed key.
 */
public final class SolutionJsonReader {
    private static final String RESPONSE_TIME = "response_time";
    private static final String THRESHOLD = "response_time_threshold";

    private final String file;
    private final SystemDescription system;
    private final List<Problem> problems = new ArrayList<>();
    /** Collects the unknown keys, placed at their line. */
    private final JsonInput keys;

    private SolutionJsonReader(String file, String text, SystemDescription system) {
        this.file = file;
        this.system = system;
        this.keys = new JsonInput(file, UnaryOperator.identity(), SourceLines.lazy(SystemJsonReader.MAPPER, text));
    }

    public static Placement read(Path path, SystemDescription system) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw ModelException.unreadable(path.toString(), "", "cannot read the solution file (" + e.getMessage() + ")");
        }
        return read(text, path.toString(), system);
    }

    public static Placement read(String json, String fileName, SystemDescription system) {
        JsonNode root = SystemJsonReader.parse(json, fileName);
        if (!root.isObject()) {
            throw ModelException.unreadable(fileName, "", "expected a JSON object at the top level, found " + JsonInput.describe(root));
        }
        return new SolutionJsonReader(fileName, json, system).readPlacement(root);
    }

    private Placement readPlacement(JsonNode root) {
        SystemKeySchemas.SOLUTION.check(root, "", keys);
        Application application = system.application();
        double lambda = root.path("Lambda").isNumber() ? root.path("Lambda").asDouble() : application.lambda();
        JsonNode feasibleNode = root.get("feasible");
        JsonNode componentsNode = root.get("components");
        if (componentsNode == null || !componentsNode.isObject()) {
            if (feasibleNode != null && !feasibleNode.asBoolean(true)) {
                failOnProblems();
                return new Placement(lambda, List.of(), Map.of(), List.of(), Double.NaN, false);
            }
            if (!keys.problems().isEmpty()) {
                // a misspelled "components" is what the user needs to hear about, with the line
                problems.add(new Problem(file, "/components", "missing; expected an object with one entry per component"));
                failOnProblems();
            }
            throw ModelException.unreadable(file, "/components", "missing; expected an object with one entry per component");
        }
        Map<String, Integer> instances = new LinkedHashMap<>();
        List<Placement.ComponentPlacement> placed = new ArrayList<>();
        for (Component component : application.components()) {
            JsonNode node = componentsNode.get(component.name());
            String pointer = "/components/" + component.name();
            if (node == null || !node.isObject()) {
                problems.add(new Problem(file, pointer, "missing; every component of the system needs a placement"));
                continue;
            }
            Placement.ComponentPlacement componentPlacement = readComponent(component, node, pointer, instances);
            if (componentPlacement != null) {
                placed.add(componentPlacement);
            }
        }
        componentsNode.fieldNames().forEachRemaining(name -> {
            if (application.component(name).isEmpty()) {
                problems.add(new Problem(file, "/components/" + name, "the system has no component '" + name + "'"));
            }
        });
        failOnProblems();
        List<Placement.PathResponse> paths = new ArrayList<>();
        JsonNode pathsNode = root.path("global_constraints");
        for (GlobalConstraint constraint : application.globalConstraints()) {
            JsonNode pathNode = pathsNode.path(constraint.name());
            paths.add(new Placement.PathResponse(constraint.name(), constraint.components(),
                    number(pathNode.get("path_response_time"), Double.NaN), constraint.maxResponseTime()));
        }
        double cost = number(root.get("total_cost"), Double.NaN);
        boolean feasible = feasibleNode == null || feasibleNode.asBoolean(true);
        return new Placement(lambda, placed, instances, paths, cost, feasible);
    }

    private void failOnProblems() {
        problems.addAll(keys.problems());
        if (!problems.isEmpty()) {
            throw new ModelException(ModelException.Kind.INVALID, problems);
        }
    }

    /**
     * A component entry holds its response times and its deployment (or, in the older layout, the
     * deployment's partitions directly); any other key is a typo.
     */
    private void checkComponentKeys(Component component, JsonNode node, String pointer) {
        List<String> allowed = new ArrayList<>(List.of(RESPONSE_TIME, THRESHOLD));
        component.deployments().forEach(d -> allowed.add(d.name()));
        JsonInput.fields(node, (key, value) -> {
            boolean partition = component.deployments().stream().anyMatch(d -> d.partition(key).isPresent());
            if (!allowed.contains(key) && !partition) {
                keys.unknownKey(pointer, key, allowed);
            }
        });
    }

    /** A partition entry holds its response time and objects for layers; a number under another key is a typo. */
    private void checkPartitionKeys(JsonNode node, String pointer) {
        JsonInput.fields(node, (key, value) -> {
            if (!key.equals(RESPONSE_TIME) && !value.isObject()) {
                List<String> allowed = new ArrayList<>(List.of(RESPONSE_TIME));
                system.continuum().layers().forEach(l -> allowed.add(l.name()));
                keys.unknownKey(pointer, key, allowed);
            }
        });
    }

    private Placement.ComponentPlacement readComponent(Component component, JsonNode node, String pointer,
            Map<String, Integer> instances) {
        checkComponentKeys(component, node, pointer);
        Deployment deployment = null;
        JsonNode partitionsNode = null;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (key.equals(RESPONSE_TIME) || key.equals(THRESHOLD)) {
                continue;
            }
            var named = component.deployment(key);
            if (named.isPresent()) {
                deployment = named.get();
                partitionsNode = node.get(key);
                pointer = pointer + "/" + key;
                break;
            }
        }
        if (deployment == null) {
            // Older layout: partitions directly under the component; find the deployment holding them.
            List<String> partitionNames = new ArrayList<>();
            node.fieldNames().forEachRemaining(k -> {
                if (!k.equals(RESPONSE_TIME) && !k.equals(THRESHOLD)) {
                    partitionNames.add(k);
                }
            });
            for (Deployment candidate : component.deployments()) {
                if (candidate.partitions().size() == partitionNames.size()
                        && candidate.partitions().stream().allMatch(p -> partitionNames.contains(p.name()))) {
                    deployment = candidate;
                    partitionsNode = node;
                    break;
                }
            }
        }
        if (deployment == null) {
            problems.add(new Problem(file, pointer, "names no deployment of component '" + component.name()
                    + "'; expected one of " + component.deployments().stream().map(Deployment::name).toList()));
            return null;
        }
        List<Placement.PartitionPlacement> partitions = new ArrayList<>();
        for (Partition partition : deployment.partitions()) {
            String partitionPointer = pointer + "/" + partition.name();
            JsonNode partitionNode = partitionsNode.get(partition.name());
            if (partitionNode == null || !partitionNode.isObject()) {
                problems.add(new Problem(file, partitionPointer, "missing; every partition of deployment '"
                        + deployment.name() + "' needs a resource"));
                continue;
            }
            checkPartitionKeys(partitionNode, partitionPointer);
            String resourceName = resourceOf(partitionNode, partitionPointer, instances);
            if (resourceName != null) {
                partitions.add(new Placement.PartitionPlacement(partition.name(), resourceName,
                        number(partitionNode.get(RESPONSE_TIME), Double.NaN)));
            }
        }
        double limit = system.application().localConstraint(component.name())
                .map(c -> c.maxResponseTime()).orElse(Double.POSITIVE_INFINITY);
        return new Placement.ComponentPlacement(component.name(), deployment.name(), partitions,
                number(node.get(RESPONSE_TIME), Double.NaN), limit);
    }

    /** The one resource of a partition entry ({@code {layer: {resource: {...}}}}), recording its cluster size. */
    private String resourceOf(JsonNode partitionNode, String pointer, Map<String, Integer> instances) {
        String found = null;
        for (Iterator<Map.Entry<String, JsonNode>> layers = partitionNode.fields(); layers.hasNext(); ) {
            Map.Entry<String, JsonNode> layer = layers.next();
            if (layer.getKey().equals(RESPONSE_TIME) || !layer.getValue().isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> resources = layer.getValue().fields(); resources.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = resources.next();
                Resource resource = system.continuum().resource(entry.getKey()).orElse(null);
                if (resource == null) {
                    problems.add(new Problem(file, pointer + "/" + layer.getKey() + "/" + entry.getKey(),
                            "the system has no resource '" + entry.getKey() + "'"));
                    continue;
                }
                if (found != null) {
                    problems.add(new Problem(file, pointer, "lists more than one resource ('" + found + "', '"
                            + entry.getKey() + "'); expected exactly one"));
                    continue;
                }
                found = resource.name();
                SystemKeySchemas.SOLUTION_RESOURCE.check(entry.getValue(),
                        JsonInput.child(JsonInput.child(pointer, layer.getKey()), entry.getKey()), keys);
                if (resource instanceof NodeResource) {
                    int number = (int) Math.round(number(entry.getValue().get("number"), 1));
                    instances.merge(resource.name(), number, Math::max);
                }
            }
        }
        if (found == null && problems.stream().noneMatch(p -> p.location().startsWith(pointer))) {
            problems.add(new Problem(file, pointer, "names no resource; expected {layer: {resource: {...}}}"));
        }
        return found;
    }

    /** A number stored as a JSON number or a string ({@code "12.5"}, {@code "inf"}); the fallback otherwise. */
    static double number(JsonNode node, double fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            String text = node.asText().trim().toLowerCase(java.util.Locale.ROOT);
            if (text.equals("inf") || text.equals("infinity") || text.equals("+inf")) {
                return Double.POSITIVE_INFINITY;
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
