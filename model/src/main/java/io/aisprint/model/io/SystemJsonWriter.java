package io.aisprint.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.aisprint.model.PerformanceTable;
import io.aisprint.model.Resource;
import io.aisprint.model.ResourceKind;
import io.aisprint.model.SystemDescription;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a system as SPACE4AI-D format-G3 JSON (lists for {@code next}/{@code data_size}, memory in
 * the compatibility matrix, {@code Performance} with model keywords, {@code computationalLayers}).
 * {@link SystemJsonReader} reads the result back to an equal application, continuum and
 * performance table.
 */
public final class SystemJsonWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SystemJsonWriter() {
    }

    public static void write(SystemDescription system, Path file) {
        AtomicFiles.write(file, toJson(system));
    }

    public static String toJson(SystemDescription system) {
        try {
            return MAPPER.writeValueAsString(toTree(system)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model tree always serialises", e);
        }
    }

    public static ObjectNode toTree(SystemDescription system) {
        Application application = system.application();
        ObjectNode root = NODES.objectNode();
        root.set("DirectedAcyclicGraph", dag(application.dag()));
        ObjectNode components = root.putObject("Components");
        ObjectNode compatibility = root.putObject("CompatibilityMatrix");
        for (Component component : application.components()) {
            ObjectNode componentNode = components.putObject(component.name());
            ObjectNode componentCompatibility = compatibility.putObject(component.name());
            for (Deployment deployment : component.deployments()) {
                ObjectNode deploymentNode = componentNode.putObject(deployment.name());
                for (Partition partition : deployment.partitions()) {
                    ObjectNode partitionNode = deploymentNode.putObject(partition.name());
                    ArrayNode next = partitionNode.putArray("next");
                    partition.next().forEach(next::add);
                    partitionNode.put("early_exit_probability", partition.earlyExitProbability());
                    ArrayNode sizes = partitionNode.putArray("data_size");
                    partition.dataSizes().forEach(sizes::add);
                    ArrayNode entries = componentCompatibility.putArray(partition.name());
                    partition.memoryByResource().forEach((resource, memory) ->
                            entries.addObject().put("resource", resource).put("memory", memory));
                }
            }
        }
        writeResources(root, system);
        root.set("Performance", performance(system.performance()));
        root.put("Lambda", application.lambda());
        ObjectNode locals = root.putObject("LocalConstraints");
        for (LocalConstraint constraint : application.localConstraints()) {
            number(locals.putObject(constraint.component()), "local_res_time", constraint.maxResponseTime());
        }
        ObjectNode globals = root.putObject("GlobalConstraints");
        for (GlobalConstraint constraint : application.globalConstraints()) {
            ObjectNode node = globals.putObject(constraint.name());
            ArrayNode path = node.putArray("components");
            constraint.components().forEach(path::add);
            number(node, "global_res_time", constraint.maxResponseTime());
        }
        ObjectNode network = root.putObject("NetworkTechnology");
        for (NetworkDomain domain : system.continuum().networkDomains()) {
            ObjectNode node = network.putObject(domain.name());
            ArrayNode layers = node.putArray("computationalLayers");
            domain.layers().forEach(layers::add);
            node.put("AccessDelay", domain.accessDelay());
            node.put("Bandwidth", domain.bandwidth());
        }
        root.put("Time", application.time());
        return root;
    }

    /** JSON has no infinity: SPACE4AI-D files write an absent bound as "inf". */
    private static void number(ObjectNode node, String key, double value) {
        if (Double.isInfinite(value)) {
            node.put(key, value > 0 ? "inf" : "-inf");
        } else {
            node.put(key, value);
        }
    }

    private static ObjectNode dag(Dag dag) {
        ObjectNode node = NODES.objectNode();
        for (String component : dag.nodes()) {
            ObjectNode entry = node.putObject(component);
            ArrayNode next = entry.putArray("next");
            ArrayNode probabilities = entry.putArray("transition_probability");
            for (Dag.Edge edge : dag.outgoing(component)) {
                next.add(edge.to());
                probabilities.add(edge.probability());
            }
        }
        return node;
    }

    private static void writeResources(ObjectNode root, SystemDescription system) {
        for (ComputationalLayer layer : system.continuum().layers()) {
            String section = switch (layer.kind()) {
                case EDGE -> "EdgeResources";
                case VM -> "CloudResources";
                case FAAS -> "FaaSResources";
            };
            ObjectNode sectionNode = root.has(section) ? (ObjectNode) root.get(section) : root.putObject(section);
            ObjectNode layerNode = sectionNode.putObject(layer.name());
            for (Resource resource : layer.resources()) {
                ObjectNode node = layerNode.putObject(resource.name());
                node.put("description", resource.description());
                if (resource instanceof NodeResource nodeResource) {
                    node.put("number", nodeResource.number());
                    node.put("cost", nodeResource.cost());
                    node.put("memory", nodeResource.memory());
                    node.put("n_cores", nodeResource.cores());
                } else if (resource instanceof FaasResource faas) {
                    node.put("cost", faas.cost());
                    node.put("memory", faas.memory());
                    node.put("idle_time_before_kill", faas.idleTimeBeforeKill());
                }
            }
            if (layer.kind() == ResourceKind.FAAS && !layer.resources().isEmpty()) {
                // one transition cost per layer in the format; the model keeps it per resource
                layerNode.put("transition_cost", ((FaasResource) layer.resources().get(0)).transitionCost());
            }
        }
    }

    private static ObjectNode performance(PerformanceTable table) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<PerformanceTable.Key, PerformanceModel> entry : table.models().entrySet()) {
            PerformanceTable.Key key = entry.getKey();
            ObjectNode component = node.has(key.component()) ? (ObjectNode) node.get(key.component()) : node.putObject(key.component());
            ObjectNode partition = component.has(key.partition()) ? (ObjectNode) component.get(key.partition())
                    : component.putObject(key.partition());
            partition.set(key.resource(), performanceModel(entry.getValue()));
        }
        return node;
    }

    /** A performance declaration as SPACE4AI-D writes it ({@code {model, demand...}}); shared with the app-dir writer. */
    static ObjectNode performanceModel(PerformanceModel model) {
        ObjectNode node = NODES.objectNode();
        node.put("model", model.keyword());
        if (model instanceof PerformanceModel.QueueDemand queue) {
            node.put("demand", queue.demand());
        } else if (model instanceof PerformanceModel.FaasDemand faas) {
            node.put("demandWarm", faas.demandWarm());
            node.put("demandCold", faas.demandCold());
        } else if (model instanceof PerformanceModel.Regression regression) {
            node.put("regressor_file", regression.regressorFile());
            regression.parameters().forEach((name, value) -> {
                if (value instanceof Number number) {
                    node.put(name, number.doubleValue());
                } else {
                    node.put(name, String.valueOf(value));
                }
            });
        }
        return node;
    }
}
