package io.aisprint.model.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.model.Application;
import io.aisprint.model.Component;
import io.aisprint.model.ComputationalLayer;
import io.aisprint.model.Continuum;
import io.aisprint.model.Dag;
import io.aisprint.model.Deployment;
import io.aisprint.model.FaasResource;
import io.aisprint.model.GlobalConstraint;
import io.aisprint.model.LocalConstraint;
import io.aisprint.model.ModelException;
import io.aisprint.model.NetworkDomain;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.PerformanceTable;
import io.aisprint.model.Problem;
import io.aisprint.model.Resource;
import io.aisprint.model.ResourceKind;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.validate.Locator;
import io.aisprint.model.validate.Subject;
import io.aisprint.model.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a SPACE4AI-D system description JSON (format generations G2 and G3: partitions with
 * {@code next}/{@code data_size} as scalars or lists, memory in the partition or in the
 * compatibility matrix, {@code Performance} or {@code DemandMatrix}; both spellings of the network
 * domain layer key) and format G1. Every problem found is reported at once in a {@link ModelException};
 * a key none of the formats has is one of them, with its line and the nearest allowed key.
 */
public final class SystemJsonReader {
    /** {@code #} comments are accepted: the annotated format-G1 file of the Python tool carries them. */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_YAML_COMMENTS).build();

    private final JsonInput in;
    private final JsonNode root;

    private SystemJsonReader(String file, String text, JsonNode root) {
        this.in = new JsonInput(file, UnaryOperator.identity(), SourceLines.lazy(MAPPER, text));
        this.root = root;
    }

    public static SystemDescription read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a system file; {@code dagFile} is the separate DAG text file of format G1 (lines
     * {@code from to probability}). When null, a {@code DAG_Conf.txt} next to the file is used if the
     * file itself has no {@code DirectedAcyclicGraph}.
     */
    public static SystemDescription read(Path file, Path dagFile) {
        String text = readText(file);
        JsonNode root = parse(text, file.toString());
        if (!root.isObject()) {
            throw ModelException.unreadable(file.toString(), "", "expected a JSON object at the top level, found " + JsonInput.describe(root));
        }
        Path dag = dagFile;
        if (dag == null && !root.has("DirectedAcyclicGraph") && file.toAbsolutePath().getParent() != null) {
            Path sibling = file.toAbsolutePath().getParent().resolve(LegacyDag.DEFAULT_FILE_NAME);
            dag = Files.isRegularFile(sibling) ? sibling : null;
        }
        LegacyDag legacyDag = dag == null ? null : LegacyDag.read(dag, readText(dag));
        return new SystemJsonReader(file.toString(), text, root).readSystem(file, legacyDag);
    }

    public static SystemDescription read(String json, String fileName, Path source) {
        JsonNode root = parse(json, fileName);
        if (!root.isObject()) {
            throw ModelException.unreadable(fileName, "", "expected a JSON object at the top level, found " + JsonInput.describe(root));
        }
        return new SystemJsonReader(fileName, json, root).readSystem(source, null);
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw ModelException.unreadable(file.toString(), "", "cannot read the file (" + e.getMessage() + ")");
        }
    }

    static JsonNode parse(String json, String fileName) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null) {
                throw ModelException.unreadable(fileName, "", "the file is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw ModelException.unreadable(fileName, where, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Other SPACE4AI-D files users pass by mistake, recognised by their top-level keys. */
    private void rejectOtherKindsOfFile() {
        String kind = null;
        if (!root.has("Components") && (root.has("total_cost") || root.has("feasible") || root.has("components"))) {
            kind = "a SPACE4AI-D solution (placement) file";
        } else if (!root.has("Components") && (root.has("ConfigFiles") || root.has("Algorithm") || root.has("Methods"))) {
            kind = "a SPACE4AI-D solver configuration file";
        }
        if (kind != null) {
            throw new ModelException(ModelException.Kind.INVALID, List.of(new Problem(in.file(), "",
                    "this is " + kind + ", not a system description; expected the keys Components, "
                            + "CompatibilityMatrix, Performance (or DemandMatrix), NetworkTechnology, Lambda")));
        }
    }

    private SystemDescription readSystem(Path source, LegacyDag legacyDag) {
        rejectOtherKindsOfFile();
        boolean firstGeneration = isFirstGeneration();
        (firstGeneration ? SystemKeySchemas.FIRST_GENERATION_SYSTEM : SystemKeySchemas.SYSTEM).check(root, "", in);
        Dag dag = firstGeneration && !root.has("DirectedAcyclicGraph") ? firstGenerationDag(legacyDag) : readDag();
        List<ComputationalLayer> layers = new ArrayList<>();
        double topLevelTransitionCost = in.number(root.get("transition_cost"), "/transition_cost", false, 0.0);
        readNodeLayers("EdgeResources", ResourceKind.EDGE, layers);
        readNodeLayers("CloudResources", ResourceKind.VM, layers);
        readFaasLayers(topLevelTransitionCost, layers);
        if (layers.isEmpty()) {
            in.problem("", "no resources: expected at least one of EdgeResources, CloudResources, FaaSResources");
        }
        List<NetworkDomain> domains = readNetworkDomains();
        List<Component> components = firstGeneration ? FirstGeneration.components(in, root, dag) : readComponents();
        PerformanceTable performance = firstGeneration ? FirstGeneration.performance(in, root) : readPerformance();
        double lambda = in.number(root.get("Lambda"), "/Lambda", true, Double.NaN);
        double time = in.number(root.get("Time"), "/Time", false, 1.0);
        List<LocalConstraint> locals = readLocalConstraints();
        List<GlobalConstraint> globals = readGlobalConstraints();
        if (!in.problems().isEmpty()) {
            throw new ModelException(ModelException.Kind.INVALID, in.problems());
        }
        List<String> nodes = new ArrayList<>(dag.nodes());
        components.forEach(c -> nodes.add(c.name()));
        Dag completeDag = new Dag(nodes, dag.edges());
        String name = source == null ? in.file() : String.valueOf(source.getFileName());
        Application application = new Application(name, components, completeDag, locals, globals, lambda, time);
        SystemDescription system = new SystemDescription(application, new Continuum(layers, domains), performance, source);
        List<Problem> problems = Validator.validate(system, new JsonLocator(firstGeneration, legacyDag), true);
        if (!problems.isEmpty()) {
            throw new ModelException(ModelException.Kind.INVALID, problems);
        }
        return system;
    }

    /** Places model-level problems at the JSON pointer of the element they are about. */
    private final class JsonLocator implements Locator {
        private final boolean firstGeneration;
        private final String dagFile;

        JsonLocator(boolean firstGeneration, LegacyDag legacyDag) {
            this.firstGeneration = firstGeneration;
            this.dagFile = legacyDag == null || root.has("DirectedAcyclicGraph") ? null : legacyDag.file();
        }

        @Override
        public Problem problem(Subject subject, String message) {
            List<String> names = subject.names();
            if (dagFile != null && (subject.kind() == Subject.Kind.DAG || subject.kind() == Subject.Kind.DAG_NODE
                    || subject.kind() == Subject.Kind.DAG_EDGE)) {
                return new Problem(dagFile, "", message);
            }
            String pointer = switch (subject.kind()) {
                case SYSTEM -> "";
                case DAG -> "/DirectedAcyclicGraph";
                case DAG_NODE -> path("/DirectedAcyclicGraph", names.get(0));
                case DAG_EDGE -> path("/DirectedAcyclicGraph", names.get(0), "next");
                case COMPONENT -> path("/Components", names.get(0));
                case DEPLOYMENT -> firstGeneration ? path("/Components", names.get(0)) : path("/Components", names.get(0), names.get(1));
                case PARTITION -> firstGeneration ? path("/Components", names.get(0))
                        : path("/Components", names.get(0), names.get(1), names.get(2));
                case COMPATIBILITY -> firstGeneration ? path("/CompatibilityMatrix", names.get(0))
                        : path("/CompatibilityMatrix", names.get(0), names.get(2));
                case PERFORMANCE -> firstGeneration ? path("/DemandMatrix", names.get(0), names.get(2))
                        : path(root.has("Performance") ? "/Performance" : "/DemandMatrix", names.get(0), names.get(1), names.get(2));
                case LAYER -> path(resourceSection(names.get(0)), names.get(0));
                case RESOURCE -> path(resourceSection(names.get(0)), names.get(0), names.get(1));
                case NETWORK_DOMAIN -> path("/NetworkTechnology", names.get(0));
                case LOCAL_CONSTRAINT -> path("/LocalConstraints", names.get(0));
                case GLOBAL_CONSTRAINT -> path("/GlobalConstraints", names.get(0));
                case LAMBDA -> "/Lambda";
                case TIME -> "/Time";
            };
            return new Problem(in.file(), pointer, message);
        }

        private String resourceSection(String layer) {
            for (String section : List.of("EdgeResources", "CloudResources", "FaaSResources")) {
                JsonNode node = root.get(section);
                if (node != null && node.has(layer)) {
                    return "/" + section;
                }
            }
            return "";
        }

        private String path(String base, String... keys) {
            String pointer = base;
            for (String key : keys) {
                pointer = JsonInput.child(pointer, key);
            }
            return pointer;
        }
    }

    /**
     * Format G1 describes components without deployments ({@code Components: {c: {memory}}}) and a
     * flat compatibility list per component.
     */
    private boolean isFirstGeneration() {
        JsonNode compatibility = root.get("CompatibilityMatrix");
        if (compatibility == null || !compatibility.isObject() || compatibility.isEmpty()) {
            return false;
        }
        var values = compatibility.elements();
        while (values.hasNext()) {
            if (!values.next().isArray()) {
                return false;
            }
        }
        return true;
    }

    private Dag firstGenerationDag(LegacyDag legacyDag) {
        if (legacyDag == null) {
            in.problem("", "no application DAG: a format-G1 file without 'DirectedAcyclicGraph' needs the separate "
                    + LegacyDag.DEFAULT_FILE_NAME + " file (lines 'from to probability') next to it");
            return new Dag(List.of(), List.of());
        }
        in.problems().addAll(legacyDag.problems());
        return legacyDag.dag();
    }

    private Dag readDag() {
        JsonNode dagNode = in.object(root.get("DirectedAcyclicGraph"), "/DirectedAcyclicGraph", true);
        List<String> nodes = new ArrayList<>();
        List<Dag.Edge> edges = new ArrayList<>();
        JsonInput.fields(dagNode, (component, entry) -> {
            String pointer = JsonInput.child("/DirectedAcyclicGraph", component);
            nodes.add(component);
            if (in.object(entry, pointer, true) == null) {
                return;
            }
            List<String> next = names(entry.get("next"), JsonInput.child(pointer, "next"), false);
            JsonNode probabilities = in.array(entry.get("transition_probability"),
                    JsonInput.child(pointer, "transition_probability"), !next.isEmpty());
            if (probabilities == null) {
                return;
            }
            if (probabilities.size() != next.size()) {
                in.problem(JsonInput.child(pointer, "transition_probability"), "has " + probabilities.size()
                        + " values but next has " + next.size() + "; expected one probability per successor");
                return;
            }
            for (int i = 0; i < next.size(); i++) {
                double p = in.number(probabilities.get(i), JsonInput.child(JsonInput.child(pointer, "transition_probability"), i), true, 0);
                edges.add(new Dag.Edge(component, next.get(i), p));
            }
        });
        return new Dag(nodes, edges);
    }

    private void readNodeLayers(String key, ResourceKind kind, List<ComputationalLayer> layers) {
        JsonNode section = in.object(root.get(key), "/" + key, false);
        JsonInput.fields(section, (layerName, layerNode) -> {
            String layerPointer = JsonInput.child("/" + key, layerName);
            if (in.object(layerNode, layerPointer, true) == null) {
                return;
            }
            List<Resource> resources = new ArrayList<>();
            JsonInput.fields(layerNode, (resourceName, node) -> {
                String pointer = JsonInput.child(layerPointer, resourceName);
                if (in.object(node, pointer, true) == null) {
                    return;
                }
                resources.add(new NodeResource(resourceName, layerName, kind,
                        description(node),
                        in.integer(node.get("number"), JsonInput.child(pointer, "number"), true, 1),
                        in.number(node.get("cost"), JsonInput.child(pointer, "cost"), true, 0),
                        in.number(node.get("memory"), JsonInput.child(pointer, "memory"), true, 0),
                        in.integer(node.get("n_cores"), JsonInput.child(pointer, "n_cores"), false, 1)));
            });
            layers.add(new ComputationalLayer(layerName, kind, resources));
        });
    }

    private void readFaasLayers(double topLevelTransitionCost, List<ComputationalLayer> layers) {
        JsonNode section = in.object(root.get("FaaSResources"), "/FaaSResources", false);
        JsonInput.fields(section, (layerName, layerNode) -> {
            String layerPointer = JsonInput.child("/FaaSResources", layerName);
            if (layerName.equals("transition_cost")) {
                return;
            }
            if (in.object(layerNode, layerPointer, true) == null) {
                return;
            }
            double transitionCost = in.number(layerNode.get("transition_cost"),
                    JsonInput.child(layerPointer, "transition_cost"), false, topLevelTransitionCost);
            List<Resource> resources = new ArrayList<>();
            JsonInput.fields(layerNode, (resourceName, node) -> {
                if (resourceName.equals("transition_cost")) {
                    return;
                }
                String pointer = JsonInput.child(layerPointer, resourceName);
                if (in.object(node, pointer, true) == null) {
                    return;
                }
                resources.add(new FaasResource(resourceName, layerName, description(node),
                        in.number(node.get("cost"), JsonInput.child(pointer, "cost"), true, 0),
                        in.number(node.get("memory"), JsonInput.child(pointer, "memory"), true, 0),
                        in.number(node.get("idle_time_before_kill"), JsonInput.child(pointer, "idle_time_before_kill"), true, 600),
                        transitionCost));
            });
            layers.add(new ComputationalLayer(layerName, ResourceKind.FAAS, resources));
        });
    }

    private static String description(JsonNode node) {
        JsonNode description = node.get("description");
        return description == null || description.isNull() ? "" : description.asText();
    }

    private List<NetworkDomain> readNetworkDomains() {
        JsonNode section = in.object(root.get("NetworkTechnology"), "/NetworkTechnology", true);
        List<NetworkDomain> domains = new ArrayList<>();
        JsonInput.fields(section, (name, node) -> {
            String pointer = JsonInput.child("/NetworkTechnology", name);
            if (in.object(node, pointer, true) == null) {
                return;
            }
            String key = node.has("computationalLayers") ? "computationalLayers" : "computationallayers";
            List<String> layers = names(node.get(key), JsonInput.child(pointer, key), true);
            domains.add(new NetworkDomain(name, layers,
                    in.number(node.get("AccessDelay"), JsonInput.child(pointer, "AccessDelay"), true, 0),
                    in.number(node.get("Bandwidth"), JsonInput.child(pointer, "Bandwidth"), true, 1)));
        });
        return domains;
    }

    private List<Component> readComponents() {
        JsonNode section = in.object(root.get("Components"), "/Components", true);
        JsonNode compatibility = in.object(root.get("CompatibilityMatrix"), "/CompatibilityMatrix", true);
        List<Component> components = new ArrayList<>();
        JsonInput.fields(section, (componentName, componentNode) -> {
            String pointer = JsonInput.child("/Components", componentName);
            if (in.object(componentNode, pointer, true) == null) {
                return;
            }
            JsonNode componentCompatibility = compatibility == null ? null : compatibility.get(componentName);
            List<Deployment> deployments = new ArrayList<>();
            JsonInput.fields(componentNode, (deploymentName, deploymentNode) -> {
                String deploymentPointer = JsonInput.child(pointer, deploymentName);
                if (in.object(deploymentNode, deploymentPointer, true) == null) {
                    return;
                }
                Deployment deployment = readDeployment(componentName, deploymentName, deploymentNode,
                        deploymentPointer, componentCompatibility);
                if (deployment != null) {
                    deployments.add(deployment);
                }
            });
            if (deployments.isEmpty()) {
                in.problem(pointer, "component has no deployment; expected at least one");
            }
            components.add(new Component(componentName, deployments));
        });
        return components;
    }

    private Deployment readDeployment(String component, String deploymentName, JsonNode node, String pointer,
            JsonNode compatibility) {
        Map<String, Partition> partitions = new LinkedHashMap<>();
        JsonInput.fields(node, (partitionName, partitionNode) -> {
            String partitionPointer = JsonInput.child(pointer, partitionName);
            if (in.object(partitionNode, partitionPointer, true) == null) {
                return;
            }
            List<String> next = names(partitionNode.get("next"), JsonInput.child(partitionPointer, "next"), false);
            List<Double> sizes = numbers(partitionNode.get("data_size"), JsonInput.child(partitionPointer, "data_size"));
            if (sizes.size() != next.size() && !(sizes.size() == 1 && next.isEmpty())) {
                in.problem(JsonInput.child(partitionPointer, "data_size"), "has " + sizes.size()
                        + " values but next has " + next.size() + "; expected one data size per successor");
            }
            double earlyExit = in.number(partitionNode.get("early_exit_probability"),
                    JsonInput.child(partitionPointer, "early_exit_probability"), false, 0.0);
            Map<String, Double> memory = compatibleResources(component, partitionName, partitionNode, compatibility);
            partitions.put(partitionName, new Partition(partitionName, earlyExit, next, sizes, memory));
        });
        if (partitions.isEmpty()) {
            in.problem(pointer, "deployment has no partition; expected at least one");
            return null;
        }
        List<Partition> chain = chain(partitions, pointer);
        return chain == null ? null : new Deployment(deploymentName, chain);
    }

    /** Rebuilds the partition order from the {@code next} links: the head is the one nobody points to. */
    private List<Partition> chain(Map<String, Partition> partitions, String pointer) {
        Set<String> pointedTo = new LinkedHashSet<>();
        partitions.values().forEach(p -> p.next().stream().filter(partitions::containsKey).forEach(pointedTo::add));
        List<String> heads = partitions.keySet().stream().filter(name -> !pointedTo.contains(name)).toList();
        if (heads.size() != 1) {
            in.problem(pointer, "the partition chain is broken: the partitions do not form one chain through their 'next' links (heads: " + heads
                    + "); expected exactly one first partition");
            return null;
        }
        List<Partition> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Partition current = partitions.get(heads.get(0));
        while (current != null && seen.add(current.name())) {
            chain.add(current);
            current = current.next().stream().filter(partitions::containsKey).findFirst().map(partitions::get).orElse(null);
        }
        if (chain.size() != partitions.size()) {
            in.problem(pointer, "the partition chain is broken: " + seen + " does not reach every partition " + partitions.keySet());
            return null;
        }
        return chain;
    }

    private Map<String, Double> compatibleResources(String component, String partition, JsonNode partitionNode,
            JsonNode compatibility) {
        String pointer = JsonInput.child(JsonInput.child("/CompatibilityMatrix", component), partition);
        Map<String, Double> memory = new LinkedHashMap<>();
        JsonNode list = compatibility == null ? null : compatibility.get(partition);
        if (list == null) {
            in.problem(pointer, "missing; expected the list of resources this partition may run on");
            return memory;
        }
        if (in.array(list, pointer, true) == null) {
            return memory;
        }
        double partitionMemory = in.number(partitionNode.get("memory"), "", false, Double.NaN);
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String entryPointer = JsonInput.child(pointer, i);
            if (entry.isTextual()) {
                if (Double.isNaN(partitionMemory)) {
                    in.problem(entryPointer, "the resource is named without memory and the partition has no 'memory'");
                }
                memory.put(entry.asText(), partitionMemory);
            } else if (in.object(entry, entryPointer, true) != null) {
                String resource = in.text(entry.get("resource"), JsonInput.child(entryPointer, "resource"), true);
                double needed = in.number(entry.get("memory"), JsonInput.child(entryPointer, "memory"), true, 0);
                if (resource != null) {
                    memory.put(resource, needed);
                }
            }
        }
        return memory;
    }

    private PerformanceTable readPerformance() {
        Map<PerformanceTable.Key, PerformanceModel> models = new LinkedHashMap<>();
        String key = root.has("Performance") ? "Performance" : "DemandMatrix";
        JsonNode section = in.object(root.get(key), "/" + key, true);
        JsonInput.fields(section, (component, componentNode) -> JsonInput.fields(componentNode, (partition, partitionNode) ->
                JsonInput.fields(partitionNode, (resource, node) -> {
                    String pointer = JsonInput.child(JsonInput.child(JsonInput.child("/" + key, component), partition), resource);
                    PerformanceModel model = performanceModel(node, pointer);
                    if (model != null) {
                        models.put(new PerformanceTable.Key(component, partition, resource), model);
                    }
                })));
        return new PerformanceTable(models);
    }

    private PerformanceModel performanceModel(JsonNode node, String pointer) {
        return PerformanceModels.parse(in, node, pointer);
    }

    private List<LocalConstraint> readLocalConstraints() {
        List<LocalConstraint> constraints = new ArrayList<>();
        JsonNode section = in.object(root.get("LocalConstraints"), "/LocalConstraints", false);
        JsonInput.fields(section, (component, node) -> {
            String pointer = JsonInput.child("/LocalConstraints", component);
            if (in.object(node, pointer, true) != null) {
                constraints.add(new LocalConstraint(component,
                        in.number(node.get("local_res_time"), JsonInput.child(pointer, "local_res_time"), true, Double.POSITIVE_INFINITY)));
            }
        });
        return constraints;
    }

    private List<GlobalConstraint> readGlobalConstraints() {
        List<GlobalConstraint> constraints = new ArrayList<>();
        JsonNode section = in.object(root.get("GlobalConstraints"), "/GlobalConstraints", false);
        JsonInput.fields(section, (path, node) -> {
            String pointer = JsonInput.child("/GlobalConstraints", path);
            if (in.object(node, pointer, true) != null) {
                constraints.add(new GlobalConstraint(path,
                        names(node.get("components"), JsonInput.child(pointer, "components"), true),
                        in.number(node.get("global_res_time"), JsonInput.child(pointer, "global_res_time"), true, Double.POSITIVE_INFINITY)));
            }
        });
        return constraints;
    }

    /** A list of names; a single string is accepted as a one-element list (format G2). */
    private List<String> names(JsonNode node, String pointer, boolean required) {
        List<String> names = new ArrayList<>();
        if (node != null && node.isTextual()) {
            // the legacy large-scale files write a final sink's successor as ""
            if (!node.asText().isEmpty()) {
                names.add(node.asText());
            }
            return names;
        }
        JsonNode array = in.array(node, pointer, required);
        if (array == null) {
            return names;
        }
        for (int i = 0; i < array.size(); i++) {
            String name = in.text(array.get(i), JsonInput.child(pointer, i), true);
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /** A list of numbers; a single number is accepted as a one-element list (format G2). */
    private List<Double> numbers(JsonNode node, String pointer) {
        List<Double> numbers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return numbers;
        }
        if (node.isNumber()) {
            numbers.add(node.asDouble());
            return numbers;
        }
        JsonNode array = in.array(node, pointer, false);
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                numbers.add(in.number(array.get(i), JsonInput.child(pointer, i), true, 0));
            }
        }
        return numbers;
    }
}
