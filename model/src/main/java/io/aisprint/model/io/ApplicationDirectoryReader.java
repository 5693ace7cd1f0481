package io.aisprint.model.io;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.aisprint.model.validate.Subject;
import io.aisprint.model.validate.Subject.Kind;
import io.aisprint.model.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an AI-SPRINT application directory into a {@link SystemDescription}.
 *
 * <p>Files read (relative to the directory): {@code common_config/application_dag.yaml},
 * {@code candidate_resources.yaml} and {@code candidate_deployments.yaml} (required);
 * ({@code physical_nodes.yaml} only holds access data for provisioned nodes and is not read: the
 * released examples list nodes there that their candidate resources no longer have);
 * {@code common_config/annotations.yaml} (QoS limits from {@code exec_time}, λ from
 * {@code expected_throughput}, early exits), else {@code space4ai-d/qos_constraints.yaml};
 * {@code aisprint/designs/component_partitions.yaml} (concrete partitions of the design);
 * performance declarations from {@code common_config/performance.yaml} (ours) and OSCAR-P's
 * {@code oscarp/performance_models.json}; data sizes from {@code oscarp/components_data_size.yaml};
 * the horizon from {@code space4ai-d/SPACE4AI-D.yaml}.
 *
 * <p>Naming: a candidate deployment entry named after the component is deployment {@code base}
 * with one partition {@code base}; entries named {@code <component>_partition<N>_<S>} form
 * deployment {@code partition<N>} with partitions {@code partition<N>_<S>} in order of S.
 */
public final class ApplicationDirectoryReader {
    public static final String DAG_FILE = "common_config/application_dag.yaml";
    public static final String RESOURCES_FILE = "common_config/candidate_resources.yaml";
    public static final String DEPLOYMENTS_FILE = "common_config/candidate_deployments.yaml";
    public static final String ANNOTATIONS_FILE = "common_config/annotations.yaml";
    public static final String PERFORMANCE_FILE = "common_config/performance.yaml";
    static final String QOS_FILE = "space4ai-d/qos_constraints.yaml";
    static final String DESIGNS_FILE = "aisprint/designs/component_partitions.yaml";
    static final String OSCARP_PERFORMANCE_FILE = "oscarp/performance_models.json";
    static final String OSCARP_DATA_SIZE_FILE = "oscarp/components_data_size.yaml";
    static final String SPACE4AID_CONFIG_FILE = "space4ai-d/SPACE4AI-D.yaml";

    /** The workload when neither performance.yaml nor an expected_throughput annotation gives one. */
    public static final double DEFAULT_LAMBDA = 1.0;

    private static final Pattern PARTITION_NAME = Pattern.compile("^(.+)_partition([^_]+)_(\\d+)$");
    private static final Pattern TIME_LINE = Pattern.compile("^Time:\\s*([-+0-9.eE]+)\\s*(#.*)?$");
    private static final Pattern CONCRETE_PARTITION = Pattern.compile("^partition(\\d+)_\\d+$");

    private final Path directory;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<Subject, Problem> places = new HashMap<>();
    private YamlDocument performanceDocument;

    /** One candidate deployment entry (one partition of one deployment) of candidate_deployments.yaml. */
    private record Candidate(String component, String deployment, String partition, int segment,
            Map<String, Double> memoryByResource) {
    }

    /** What the annotations say about one component. */
    private record Annotation(Double localLimit, Double globalLimit, List<String> previous, Double rate,
            List<Double> exitProbabilities, YamlDocument document, String pointer) {
    }

    private ApplicationDirectoryReader(Path directory) {
        this.directory = directory;
    }

    public static SystemDescription read(Path directory) {
        return new ApplicationDirectoryReader(directory).readAll();
    }

    private String name(String relative) {
        return directory.resolve(relative).toString();
    }

    private YamlDocument yaml(String relative, boolean required) {
        Path file = directory.resolve(relative);
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw ModelException.unreadable(file.toString(), "", "missing; an AI-SPRINT application directory needs "
                        + DAG_FILE + ", " + RESOURCES_FILE + " and " + DEPLOYMENTS_FILE);
            }
            return null;
        }
        YamlDocument document = YamlDocument.read(file);
        KeySchema schema = ApplicationKeySchemas.BY_FILE.get(relative);
        if (schema != null) {
            checkKeys(document, schema);
        }
        return document;
    }

    /** A misspelled key is an error with its line, not a silently dropped setting. */
    private void checkKeys(YamlDocument document, KeySchema schema) {
        JsonInput in = input(document);
        schema.check(document.root(), "", in);
        collect(in);
    }

    private JsonInput input(YamlDocument document) {
        return new JsonInput(document.file().toString(), document::location);
    }

    private void place(Subject subject, YamlDocument document, String pointer) {
        places.putIfAbsent(subject, new Problem(document.file().toString(), document.location(pointer), ""));
    }

    private void collect(JsonInput in) {
        problems.addAll(in.problems());
    }

    private SystemDescription readAll() {
        YamlDocument dagFile = yaml(DAG_FILE, true);
        YamlDocument resourcesFile = yaml(RESOURCES_FILE, true);
        YamlDocument deploymentsFile = yaml(DEPLOYMENTS_FILE, true);
        YamlDocument performanceFile = yaml(PERFORMANCE_FILE, false);
        performanceDocument = performanceFile;

        List<String> componentNames = new ArrayList<>();
        Dag dag = readDag(dagFile, componentNames);
        List<ComputationalLayer> layers = new ArrayList<>();
        Map<Integer, String> layerByNumber = new HashMap<>();
        List<NetworkDomain> domains = readResources(resourcesFile, layers, layerByNumber);
        // edge, then cloud, then FaaS: the order of the SPACE4AI-D sections, so both formats agree
        layers.sort(java.util.Comparator.comparing(ComputationalLayer::kind));
        Map<String, Annotation> annotations = readAnnotations();
        List<Candidate> candidates = readCandidates(deploymentsFile, componentNames, layerByNumber, layers);
        candidates = expandDesigns(candidates);

        JsonNode performanceRoot = performanceFile == null ? null : performanceFile.root();
        JsonInput performanceInput = performanceFile == null ? null : input(performanceFile);
        if (performanceInput != null && performanceRoot != null && !performanceRoot.isMissingNode()) {
            performanceInput.object(performanceRoot, "", true);
        }
        Map<String, Double> dataSizes = readOscarpDataSizes();
        List<Component> components = buildComponents(deploymentsFile, componentNames, dag, candidates, annotations,
                performanceRoot, performanceInput, dataSizes);
        PerformanceTable performance = readPerformance(performanceFile, performanceInput);
        double lambda = lambda(performanceFile, performanceInput, annotations, dag);
        double time = time(performanceFile, performanceInput);
        List<LocalConstraint> locals = new ArrayList<>();
        List<GlobalConstraint> globals = new ArrayList<>();
        readConstraints(annotations, componentNames, locals, globals);
        if (performanceInput != null) {
            collect(performanceInput);
        }
        if (!problems.isEmpty()) {
            throw new ModelException(ModelException.Kind.INVALID, problems);
        }
        String appName = dagFile.root().path("System").path("name").asText(String.valueOf(directory.toAbsolutePath().normalize().getFileName()));
        Application application = new Application(appName.strip(), components, dag, locals, globals, lambda, time);
        SystemDescription system = new SystemDescription(application, new Continuum(layers, domains), performance, directory);
        // declarations are optional here: a directory may be unprofiled or partly profiled (validate says what design lacks)
        List<Problem> semantic = Validator.validate(system, this::locate, false);
        if (!semantic.isEmpty()) {
            throw new ModelException(ModelException.Kind.INVALID, semantic);
        }
        return system;
    }

    // ---------------------------------------------------------------- DAG

    private Dag readDag(YamlDocument document, List<String> componentNames) {
        JsonInput in = input(document);
        JsonNode system = in.object(document.root().get("System"), "/System", true);
        List<Dag.Edge> edges = new ArrayList<>();
        if (system != null) {
            JsonNode components = in.array(system.get("components"), "/System/components", true);
            if (components != null) {
                for (int i = 0; i < components.size(); i++) {
                    String pointer = JsonInput.child("/System/components", i);
                    String component = in.text(components.get(i), pointer, true);
                    if (component != null) {
                        componentNames.add(component.strip());
                        place(Subject.of(Kind.DAG_NODE, component.strip()), document, pointer);
                        place(Subject.of(Kind.COMPONENT, component.strip()), document, pointer);
                    }
                }
            }
            place(Subject.of(Kind.DAG), document, "/System/dependencies");
            JsonNode dependencies = in.array(system.get("dependencies"), "/System/dependencies", false);
            if (dependencies != null) {
                for (int i = 0; i < dependencies.size(); i++) {
                    String pointer = JsonInput.child("/System/dependencies", i);
                    JsonNode triple = in.array(dependencies.get(i), pointer, true);
                    if (triple == null) {
                        continue;
                    }
                    if (triple.size() != 3) {
                        in.problem(pointer, "expected [from, to, probability], found a list of " + triple.size());
                        continue;
                    }
                    String from = in.text(triple.get(0), JsonInput.child(pointer, 0), true);
                    String to = in.text(triple.get(1), JsonInput.child(pointer, 1), true);
                    double probability = in.number(triple.get(2), JsonInput.child(pointer, 2), true, Double.NaN);
                    if (from != null && to != null && !Double.isNaN(probability)) {
                        edges.add(new Dag.Edge(from.strip(), to.strip(), probability));
                        place(Subject.of(Kind.DAG_EDGE, from.strip(), to.strip()), document, pointer);
                        place(Subject.of(Kind.DAG_NODE, from.strip()), document, pointer);
                    }
                }
            }
        }
        collect(in);
        return new Dag(componentNames, edges);
    }

    // ---------------------------------------------------------------- continuum

    private List<NetworkDomain> readResources(YamlDocument document, List<ComputationalLayer> layers,
            Map<Integer, String> layerByNumber) {
        JsonInput in = input(document);
        JsonNode domainsNode = in.object(document.root().path("System").get("NetworkDomains"), "/System/NetworkDomains", true);
        Map<String, List<String>> ownLayers = new LinkedHashMap<>();
        Map<String, List<String>> subDomains = new LinkedHashMap<>();
        Map<String, double[]> network = new LinkedHashMap<>();
        JsonInput.fields(domainsNode, (domain, node) -> {
            String pointer = JsonInput.child("/System/NetworkDomains", domain);
            if (in.object(node, pointer, true) == null) {
                return;
            }
            place(Subject.of(Kind.NETWORK_DOMAIN, domain), document, pointer);
            network.put(domain, new double[] {
                in.number(node.get("AccessDelay"), JsonInput.child(pointer, "AccessDelay"), true, 0),
                in.number(node.get("Bandwidth"), JsonInput.child(pointer, "Bandwidth"), true, 1)});
            List<String> subs = new ArrayList<>();
            JsonNode subList = in.array(node.get("subNetworkDomains"), JsonInput.child(pointer, "subNetworkDomains"), false);
            if (subList != null) {
                for (int i = 0; i < subList.size(); i++) {
                    String sub = in.text(subList.get(i), JsonInput.child(JsonInput.child(pointer, "subNetworkDomains"), i), true);
                    if (sub != null) {
                        subs.add(sub);
                    }
                }
            }
            subDomains.put(domain, subs);
            List<String> own = new ArrayList<>();
            String layersPointer = JsonInput.child(pointer, "ComputationalLayers");
            JsonNode layersNode = in.object(node.get("ComputationalLayers"), layersPointer, subs.isEmpty());
            JsonInput.fields(layersNode, (layerName, layerNode) -> {
                own.add(layerName);
                ComputationalLayer layer = readLayer(in, document, JsonInput.child(layersPointer, layerName), layerName,
                        layerNode, layerByNumber);
                if (layer != null) {
                    layers.add(layer);
                }
            });
            ownLayers.put(domain, own);
        });
        List<NetworkDomain> domains = new ArrayList<>();
        network.forEach((domain, values) -> {
            Set<String> all = new LinkedHashSet<>();
            addLayers(domain, ownLayers, subDomains, all, new LinkedHashSet<>(), in);
            domains.add(new NetworkDomain(domain, List.copyOf(all), values[0], values[1]));
        });
        collect(in);
        return domains;
    }

    /** A domain joins its own layers and, recursively, those of its sub-domains. */
    private void addLayers(String domain, Map<String, List<String>> own, Map<String, List<String>> subs, Set<String> into,
            Set<String> visiting, JsonInput in) {
        if (!visiting.add(domain)) {
            return;
        }
        into.addAll(own.getOrDefault(domain, List.of()));
        for (String sub : subs.getOrDefault(domain, List.of())) {
            if (!own.containsKey(sub)) {
                in.problem(JsonInput.child(JsonInput.child("/System/NetworkDomains", domain), "subNetworkDomains"),
                        "unknown network domain " + sub + "; expected one of " + own.keySet());
                continue;
            }
            addLayers(sub, own, subs, into, visiting, in);
        }
    }

    private ComputationalLayer readLayer(JsonInput in, YamlDocument document, String pointer, String layerName,
            JsonNode node, Map<Integer, String> layerByNumber) {
        if (in.object(node, pointer, true) == null) {
            return null;
        }
        place(Subject.of(Kind.LAYER, layerName), document, pointer);
        int number = in.integer(node.get("number"), JsonInput.child(pointer, "number"), true, -1);
        if (number >= 0 && layerByNumber.putIfAbsent(number, layerName) != null) {
            in.problem(JsonInput.child(pointer, "number"), "layer number " + number + " is also used by "
                    + layerByNumber.get(number) + "; expected unique layer numbers");
        }
        String type = in.text(node.get("type"), JsonInput.child(pointer, "type"), true);
        ResourceKind kind = type == null ? null : switch (type.strip()) {
            case "Virtual" -> ResourceKind.VM;
            case "PhysicalAlreadyProvisioned" -> ResourceKind.EDGE;
            case "NativeCloudFunction" -> ResourceKind.FAAS;
            default -> null;
        };
        if (type != null && kind == null) {
            in.problem(JsonInput.child(pointer, "type"), "unknown layer type \"" + type
                    + "\"; expected Virtual, PhysicalAlreadyProvisioned or NativeCloudFunction");
        }
        List<Resource> resources = new ArrayList<>();
        String resourcesPointer = JsonInput.child(pointer, "Resources");
        JsonInput.fields(in.object(node.get("Resources"), resourcesPointer, true), (key, resourceNode) -> {
            String resourcePointer = JsonInput.child(resourcesPointer, key);
            if (in.object(resourceNode, resourcePointer, true) == null || kind == null) {
                return;
            }
            String name = in.text(resourceNode.get("name"), JsonInput.child(resourcePointer, "name"), true);
            if (name == null) {
                return;
            }
            place(Subject.of(Kind.RESOURCE, layerName, name), document, resourcePointer);
            String description = resourceNode.path("description").asText("");
            double cost = in.number(resourceNode.get("cost"), JsonInput.child(resourcePointer, "cost"), true, 0);
            double memory = in.number(resourceNode.get("memorySize"), JsonInput.child(resourcePointer, "memorySize"), true, 0);
            if (kind == ResourceKind.FAAS) {
                resources.add(new FaasResource(name, layerName, description, cost, memory,
                        in.number(resourceNode.get("idleTime"), JsonInput.child(resourcePointer, "idleTime"), false, 600),
                        in.number(resourceNode.get("transitionCost"), JsonInput.child(resourcePointer, "transitionCost"), false, 0)));
            } else {
                resources.add(new NodeResource(name, layerName, kind, description,
                        in.integer(resourceNode.get("totalNodes"), JsonInput.child(resourcePointer, "totalNodes"), false, 1),
                        cost, memory, cores(in, resourceNode, resourcePointer)));
            }
        });
        return new ComputationalLayer(layerName, kind == null ? ResourceKind.VM : kind, resources);
    }

    /** Cores of a node: the computing units of all its processors (1 when none are listed). */
    private static int cores(JsonInput in, JsonNode resource, String pointer) {
        JsonNode processors = resource.get("processors");
        if (processors == null || !processors.isObject() || processors.isEmpty()) {
            return 1;
        }
        double units = 0;
        var entries = processors.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            String processorPointer = JsonInput.child(JsonInput.child(pointer, "processors"), entry.getKey());
            units += in.number(entry.getValue().get("computingUnits"), JsonInput.child(processorPointer, "computingUnits"), false, 1);
        }
        return (int) Math.max(1, Math.round(units));
    }

    // ---------------------------------------------------------------- deployments

    private List<Candidate> readCandidates(YamlDocument document, List<String> componentNames,
            Map<Integer, String> layerByNumber, List<ComputationalLayer> layers) {
        JsonInput in = input(document);
        List<Candidate> candidates = new ArrayList<>();
        JsonNode section = in.object(document.root().get("Components"), "/Components", true);
        JsonInput.fields(section, (key, node) -> {
            String pointer = JsonInput.child("/Components", key);
            if (in.object(node, pointer, true) == null) {
                return;
            }
            String entryName = in.text(node.get("name"), JsonInput.child(pointer, "name"), true);
            if (entryName == null) {
                return;
            }
            entryName = entryName.strip();
            Matcher matcher = PARTITION_NAME.matcher(entryName);
            String component;
            String deployment;
            String partition;
            int segment;
            if (componentNames.contains(entryName) || !matcher.matches()) {
                component = entryName;
                deployment = "base";
                partition = "base";
                segment = 0;
            } else {
                component = matcher.group(1);
                deployment = "partition" + matcher.group(2);
                segment = Integer.parseInt(matcher.group(3));
                partition = deployment + "_" + segment;
            }
            if (!componentNames.contains(component)) {
                in.problem(JsonInput.child(pointer, "name"), "unknown component " + component + "; expected one of "
                        + componentNames + " (from " + DAG_FILE + ")");
                return;
            }
            place(Subject.of(Kind.COMPONENT, component), document, pointer);
            place(Subject.of(Kind.DEPLOYMENT, component, deployment), document, pointer);
            place(Subject.of(Kind.PARTITION, component, deployment, partition), document, pointer);
            Map<String, Double> memory = new LinkedHashMap<>();
            List<String> layerNames = new ArrayList<>();
            JsonNode layerList = in.array(node.get("candidateExecutionLayers"), JsonInput.child(pointer, "candidateExecutionLayers"), false);
            if (layerList != null) {
                for (int i = 0; i < layerList.size(); i++) {
                    String layerPointer = JsonInput.child(JsonInput.child(pointer, "candidateExecutionLayers"), i);
                    int number = in.integer(layerList.get(i), layerPointer, true, -1);
                    if (number >= 0 && !layerByNumber.containsKey(number)) {
                        in.problem(layerPointer, "unknown computational layer number " + number + "; expected one of "
                                + new TreeMap<>(layerByNumber).keySet() + " (from " + RESOURCES_FILE + ")");
                    } else if (number >= 0) {
                        layerNames.add(layerByNumber.get(number));
                    }
                }
            }
            String containersPointer = JsonInput.child(pointer, "Containers");
            JsonInput.fields(in.object(node.get("Containers"), containersPointer, true), (containerKey, container) -> {
                String containerPointer = JsonInput.child(containersPointer, containerKey);
                if (in.object(container, containerPointer, true) == null) {
                    return;
                }
                double memorySize = in.number(container.get("memorySize"), JsonInput.child(containerPointer, "memorySize"), true, 0);
                String listPointer = JsonInput.child(containerPointer, "candidateExecutionResources");
                JsonNode list = in.array(container.get("candidateExecutionResources"), listPointer, false);
                if (list == null) {
                    // no explicit list: every resource of the candidate layers
                    layers.stream().filter(l -> layerNames.contains(l.name())).flatMap(l -> l.resources().stream())
                            .forEach(r -> memory.putIfAbsent(r.name(), memorySize));
                    return;
                }
                for (int i = 0; i < list.size(); i++) {
                    String resource = in.text(list.get(i), JsonInput.child(listPointer, i), true);
                    if (resource != null) {
                        memory.putIfAbsent(resource.strip(), memorySize);
                        place(Subject.of(Kind.COMPATIBILITY, component, deployment, partition, resource.strip()),
                                document, JsonInput.child(listPointer, i));
                    }
                }
            });
            candidates.add(new Candidate(component, deployment, partition, segment, memory));
        });
        collect(in);
        return candidates;
    }

    /**
     * After {@code aisprint design}, the designs folder names the concrete partitionings
     * ({@code partition1_1}, {@code partition1_2}, ...); the candidate entries ({@code partitionX_S})
     * are their template.
     */
    private List<Candidate> expandDesigns(List<Candidate> candidates) {
        Map<String, Set<String>> concrete = new LinkedHashMap<>();
        YamlDocument designs = yaml(DESIGNS_FILE, false);
        if (designs != null) {
            JsonInput in = input(designs);
            JsonInput.fields(in.object(designs.root().get("components"), "/components", true), (component, node) -> {
                JsonNode list = node.get("partitions");
                if (list != null && list.isArray()) {
                    list.forEach(p -> addPartitionNumber(concrete, component, p.asText()));
                }
            });
            collect(in);
        } else {
            // without a design, OSCAR-P's profiled partitions say which partitionings exist
            JsonNode profiled = oscarpPerformance();
            JsonInput.fields(profiled, (component, node) -> JsonInput.fields(node, (key, ignored) -> {
                if (key.startsWith(component + "_")) {
                    addPartitionNumber(concrete, component, key.substring(component.length() + 1));
                }
            }));
        }
        List<Candidate> expanded = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Set<String> numbers = concrete.getOrDefault(candidate.component(), Set.of());
            if (!candidate.deployment().equals("partitionX") || numbers.isEmpty()) {
                expanded.add(candidate);
                continue;
            }
            for (String number : numbers) {
                String deployment = "partition" + number;
                String partition = deployment + "_" + candidate.segment();
                Problem template = places.get(Subject.of(Kind.PARTITION, candidate.component(), candidate.deployment(), candidate.partition()));
                if (template != null) {
                    places.putIfAbsent(Subject.of(Kind.PARTITION, candidate.component(), deployment, partition), template);
                    places.putIfAbsent(Subject.of(Kind.DEPLOYMENT, candidate.component(), deployment), template);
                }
                expanded.add(new Candidate(candidate.component(), deployment, partition, candidate.segment(),
                        candidate.memoryByResource()));
            }
        }
        return expanded;
    }

    private static void addPartitionNumber(Map<String, Set<String>> concrete, String component, String partition) {
        Matcher matcher = CONCRETE_PARTITION.matcher(partition);
        if (matcher.matches()) {
            concrete.computeIfAbsent(component, c -> new LinkedHashSet<>()).add(matcher.group(1));
        }
    }

    /** The parsed OSCAR-P performance file, or null when absent. */
    private JsonNode oscarpPerformance() {
        Path file = directory.resolve(OSCARP_PERFORMANCE_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return SystemJsonReader.parse(Files.readString(file), file.toString());
        } catch (java.io.IOException e) {
            throw ModelException.unreadable(file.toString(), "", "cannot read the file (" + e.getMessage() + ")");
        }
    }

    private Map<String, Double> readOscarpDataSizes() {
        YamlDocument document = yaml(OSCARP_DATA_SIZE_FILE, false);
        Map<String, Double> sizes = new HashMap<>();
        if (document == null) {
            return sizes;
        }
        JsonInput in = input(document);
        JsonInput.fields(in.object(document.root(), "", true), (key, node) ->
                sizes.put(key, in.number(node, JsonInput.child("", key), true, 0)));
        collect(in);
        return sizes;
    }

    private List<Component> buildComponents(YamlDocument deploymentsFile, List<String> componentNames, Dag dag, List<Candidate> candidates,
            Map<String, Annotation> annotations, JsonNode performanceRoot, JsonInput performanceInput,
            Map<String, Double> oscarpSizes) {
        List<Component> components = new ArrayList<>();
        for (String component : componentNames) {
            Map<String, List<Candidate>> byDeployment = new LinkedHashMap<>();
            candidates.stream().filter(c -> c.component().equals(component))
                    .forEach(c -> byDeployment.computeIfAbsent(c.deployment(), d -> new ArrayList<>()).add(c));
            if (byDeployment.isEmpty()) {
                Problem where = places.get(Subject.of(Kind.COMPONENT, component));
                problems.add(new Problem(deploymentsFile.file().toString(), deploymentsFile.location("/Components"),
                        "no candidate deployment for component "
                        + component + (where == null ? "" : " (declared at " + where.location() + " of " + DAG_FILE + ")")
                        + "; expected an entry with name: " + component));
                continue;
            }
            List<String> successors = dag.successors(component);
            List<Deployment> deployments = new ArrayList<>();
            byDeployment.forEach((deployment, entries) -> {
                entries.sort((a, b) -> Integer.compare(a.segment(), b.segment()));
                List<Partition> partitions = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    Candidate entry = entries.get(i);
                    boolean last = i == entries.size() - 1;
                    List<String> next = last ? successors : List.of(entries.get(i + 1).partition());
                    String pointer = JsonInput.child(JsonInput.child("/components", component), entry.partition());
                    JsonNode declared = performanceRoot == null ? null : performanceRoot.path("components").path(component).get(entry.partition());
                    String oscarpKey = entry.partition().equals("base") ? component : component + "_" + entry.partition();
                    double defaultSize = oscarpSizes.getOrDefault(oscarpKey, 0.0);
                    List<Double> sizes = dataSizes(performanceInput, declared, pointer, next.size(), defaultSize);
                    double earlyExit = 0.0;
                    Annotation annotation = annotations.get(component);
                    if (!last && annotation != null && annotation.exitProbabilities().size() > i) {
                        earlyExit = 1.0 - annotation.exitProbabilities().get(i);
                    }
                    if (declared != null && declared.has("early_exit_probability")) {
                        earlyExit = performanceInput.number(declared.get("early_exit_probability"),
                                JsonInput.child(pointer, "early_exit_probability"), true, earlyExit);
                    }
                    partitions.add(new Partition(entry.partition(), earlyExit, next, sizes, entry.memoryByResource()));
                }
                deployments.add(new Deployment(deployment, partitions));
            });
            components.add(new Component(component, deployments));
        }
        return components;
    }

    /** Data sizes toward each successor: a list, one number for all, or the OSCAR-P/zero default. */
    private static List<Double> dataSizes(JsonInput in, JsonNode declared, String pointer, int successors, double fallback) {
        List<Double> sizes = new ArrayList<>();
        JsonNode node = declared == null ? null : declared.get("data_size");
        String sizePointer = JsonInput.child(pointer, "data_size");
        if (node != null && node.isArray()) {
            if (node.size() != successors) {
                in.problem(sizePointer, "has " + node.size() + " values but the partition sends to " + successors
                        + " successors; expected one data size per successor (or one number for all)");
            }
            for (int i = 0; i < node.size(); i++) {
                sizes.add(in.number(node.get(i), JsonInput.child(sizePointer, i), true, 0));
            }
            return sizes;
        }
        double size = node == null ? fallback : in.number(node, sizePointer, true, fallback);
        for (int i = 0; i < successors; i++) {
            sizes.add(size);
        }
        return sizes;
    }

    // ---------------------------------------------------------------- performance, λ, horizon

    private PerformanceTable readPerformance(YamlDocument performanceFile, JsonInput in) {
        Map<PerformanceTable.Key, PerformanceModel> models = new LinkedHashMap<>();
        Path oscarp = directory.resolve(OSCARP_PERFORMANCE_FILE);
        if (Files.isRegularFile(oscarp)) {
            readOscarpPerformance(oscarp, models);
        }
        if (performanceFile != null) {
            JsonNode components = in.object(performanceFile.root().get("components"), "/components", false);
            JsonInput.fields(components, (component, componentNode) -> {
                String componentPointer = JsonInput.child("/components", component);
                JsonInput.fields(in.object(componentNode, componentPointer, true), (partition, partitionNode) -> {
                    String partitionPointer = JsonInput.child(componentPointer, partition);
                    if (in.object(partitionNode, partitionPointer, true) == null) {
                        return;
                    }
                    String resourcesPointer = JsonInput.child(partitionPointer, "resources");
                    JsonInput.fields(in.object(partitionNode.get("resources"), resourcesPointer, false), (resource, node) -> {
                        String pointer = JsonInput.child(resourcesPointer, resource);
                        place(Subject.of(Kind.PERFORMANCE, component, partition, resource), performanceFile, pointer);
                        PerformanceModel model = PerformanceModels.parse(in, node, pointer);
                        if (model != null) {
                            models.put(new PerformanceTable.Key(component, partition, resource), model);
                        }
                    });
                });
            });
        }
        return new PerformanceTable(models);
    }

    /** OSCAR-P: {@code {component: {component | component_partitionN_S: {resource: {model, ...}}}}}. */
    private void readOscarpPerformance(Path file, Map<PerformanceTable.Key, PerformanceModel> models) {
        JsonNode root = oscarpPerformance();
        JsonInput in = new JsonInput(file.toString());
        JsonInput.fields(in.object(root, "", true), (component, componentNode) ->
                JsonInput.fields(in.object(componentNode, JsonInput.child("", component), true), (key, partitionNode) -> {
                    String partition = key.equals(component) ? "base"
                            : key.startsWith(component + "_") ? key.substring(component.length() + 1) : key;
                    JsonInput.fields(partitionNode, (resource, node) -> {
                        String pointer = JsonInput.child(JsonInput.child(JsonInput.child("", component), key), resource);
                        PerformanceModel model = PerformanceModels.parse(in, node, pointer);
                        if (model != null) {
                            models.put(new PerformanceTable.Key(component, partition, resource), model);
                            places.putIfAbsent(Subject.of(Kind.PERFORMANCE, component, partition, resource),
                                    new Problem(file.toString(), pointer, ""));
                        }
                    });
                }));
        collect(in);
    }

    private double lambda(YamlDocument performanceFile, JsonInput in, Map<String, Annotation> annotations, Dag dag) {
        if (performanceFile != null && performanceFile.root().has("lambda")) {
            places.put(Subject.of(Kind.LAMBDA), new Problem(performanceFile.file().toString(), performanceFile.location("/lambda"), ""));
            return in.number(performanceFile.root().get("lambda"), "/lambda", true, DEFAULT_LAMBDA);
        }
        for (String source : dag.sources()) {
            Annotation annotation = annotations.get(source);
            if (annotation != null && annotation.rate() != null) {
                places.put(Subject.of(Kind.LAMBDA), new Problem(annotation.document().file().toString(),
                        annotation.document().location(JsonInput.child(JsonInput.child(annotation.pointer(), "expected_throughput"), "rate")), ""));
                return annotation.rate();
            }
        }
        places.put(Subject.of(Kind.LAMBDA), new Problem(name(PERFORMANCE_FILE), "", ""));
        return DEFAULT_LAMBDA;
    }

    private double time(YamlDocument performanceFile, JsonInput in) {
        if (performanceFile != null && performanceFile.root().has("time")) {
            places.put(Subject.of(Kind.TIME), new Problem(performanceFile.file().toString(), performanceFile.location("/time"), ""));
            return in.number(performanceFile.root().get("time"), "/time", true, 1.0);
        }
        // The solver configuration is read for its horizon only, line by line: the released
        // examples ship it with YAML errors in unrelated solver settings.
        Path config = directory.resolve(SPACE4AID_CONFIG_FILE);
        if (Files.isRegularFile(config)) {
            try {
                List<String> lines = Files.readAllLines(config);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher matcher = TIME_LINE.matcher(lines.get(i));
                    if (matcher.matches()) {
                        places.put(Subject.of(Kind.TIME), new Problem(config.toString(), "line " + (i + 1), ""));
                        return Double.parseDouble(matcher.group(1));
                    }
                }
            } catch (java.io.IOException | NumberFormatException e) {
                problems.add(new Problem(config.toString(), "", "cannot read the horizon 'Time' (" + e.getMessage() + ")"));
            }
        }
        return 1.0;
    }

    // ---------------------------------------------------------------- annotations and QoS

    /**
     * The annotations: {@code common_config/annotations.yaml} as {@code aisprint design} writes it, or
     * else the decorators on {@code main} in every {@code src/<component>/main.py}.
     */
    private Map<String, Annotation> readAnnotations() {
        Map<String, Annotation> annotations = new LinkedHashMap<>();
        YamlDocument document = yaml(ANNOTATIONS_FILE, false);
        if (document != null) {
            readAnnotations(document, annotations);
            return annotations;
        }
        Path sources = directory.resolve("src");
        if (!Files.isDirectory(sources)) {
            return annotations;
        }
        List<Path> mains;
        try (var list = Files.list(sources)) {
            mains = list.map(d -> d.resolve("main.py")).filter(Files::isRegularFile).sorted().toList();
        } catch (java.io.IOException e) {
            throw ModelException.unreadable(sources.toString(), "", "cannot list the folder (" + e.getMessage() + ")");
        }
        for (Path main : mains) {
            try {
                readAnnotations(PythonAnnotations.read(main, directory.relativize(main).toString().replace('\\', '/')), annotations);
            } catch (ModelException e) {
                problems.addAll(e.problems());
            }
        }
        return annotations;
    }

    private void readAnnotations(YamlDocument document, Map<String, Annotation> annotations) {
        checkKeys(document, ApplicationKeySchemas.ANNOTATIONS);
        JsonInput in = input(document);
        JsonInput.fields(in.object(document.root(), "", true), (source, node) -> {
            String pointer = JsonInput.child("", source);
            if (in.object(node, pointer, true) == null) {
                return;
            }
            String component = in.text(node.path("component_name").get("name"),
                    JsonInput.child(JsonInput.child(pointer, "component_name"), "name"), true);
            if (component == null) {
                return;
            }
            JsonNode exec = node.get("exec_time");
            String execPointer = JsonInput.child(pointer, "exec_time");
            Double local = null;
            Double global = null;
            List<String> previous = new ArrayList<>();
            if (exec != null && in.object(exec, execPointer, false) != null) {
                if (exec.has("local_time_thr")) {
                    local = in.number(exec.get("local_time_thr"), JsonInput.child(execPointer, "local_time_thr"), true, Double.NaN);
                    place(Subject.of(Kind.LOCAL_CONSTRAINT, component), document, JsonInput.child(execPointer, "local_time_thr"));
                }
                if (exec.has("global_time_thr")) {
                    global = in.number(exec.get("global_time_thr"), JsonInput.child(execPointer, "global_time_thr"), true, Double.NaN);
                    String listPointer = JsonInput.child(execPointer, "prev_components");
                    JsonNode list = in.array(exec.get("prev_components"), listPointer, true);
                    if (list != null) {
                        for (int i = 0; i < list.size(); i++) {
                            String name = in.text(list.get(i), JsonInput.child(listPointer, i), true);
                            if (name != null) {
                                previous.add(name);
                            }
                        }
                    }
                    place(Subject.of(Kind.GLOBAL_CONSTRAINT, globalName(component)), document, execPointer);
                }
            }
            Double rate = null;
            if (node.has("expected_throughput")) {
                String ratePointer = JsonInput.child(JsonInput.child(pointer, "expected_throughput"), "rate");
                rate = in.number(node.path("expected_throughput").get("rate"), ratePointer, true, Double.NaN);
            }
            List<Double> exits = new ArrayList<>();
            JsonNode exitList = node.path("early_exits_model").get("transition_probabilities");
            if (exitList != null) {
                String exitPointer = JsonInput.child(JsonInput.child(pointer, "early_exits_model"), "transition_probabilities");
                JsonNode list = in.array(exitList, exitPointer, true);
                if (list != null) {
                    for (int i = 0; i < list.size(); i++) {
                        exits.add(in.number(list.get(i), JsonInput.child(exitPointer, i), true, 1.0));
                    }
                }
            }
            annotations.put(component, new Annotation(local, global, previous, rate, exits, document, pointer));
        });
        collect(in);
    }

    private static String globalName(String component) {
        return "path_to_" + component;
    }

    private void readConstraints(Map<String, Annotation> annotations, List<String> componentNames,
            List<LocalConstraint> locals, List<GlobalConstraint> globals) {
        if (!annotations.isEmpty()) {
            annotations.forEach((component, annotation) -> {
                if (!componentNames.contains(component)) {
                    problems.add(new Problem(annotation.document().file().toString(),
                            annotation.document().location(annotation.pointer()), "annotations of unknown component "
                            + component + "; expected one of " + componentNames));
                    return;
                }
                if (annotation.localLimit() != null) {
                    locals.add(new LocalConstraint(component, annotation.localLimit()));
                }
                if (annotation.globalLimit() != null) {
                    List<String> path = new ArrayList<>(annotation.previous());
                    path.add(component);
                    globals.add(new GlobalConstraint(globalName(component), path, annotation.globalLimit()));
                }
            });
            return;
        }
        YamlDocument qos = yaml(QOS_FILE, false);
        if (qos == null) {
            return;
        }
        JsonInput in = input(qos);
        JsonNode system = qos.root().has("System") ? qos.root().get("System") : qos.root().get("system");
        String base = qos.root().has("System") ? "/System" : "/system";
        if (in.object(system, base, true) != null) {
            String localPointer = JsonInput.child(base, "local_constraints");
            JsonInput.fields(in.object(system.get("local_constraints"), localPointer, false), (key, node) -> {
                String pointer = JsonInput.child(localPointer, key);
                String component = in.text(node.get("component_name"), JsonInput.child(pointer, "component_name"), true);
                double limit = in.number(node.get("threshold"), JsonInput.child(pointer, "threshold"), true, Double.NaN);
                if (component != null) {
                    locals.add(new LocalConstraint(component, limit));
                    place(Subject.of(Kind.LOCAL_CONSTRAINT, component), qos, pointer);
                }
            });
            String globalPointer = JsonInput.child(base, "global_constraints");
            JsonInput.fields(in.object(system.get("global_constraints"), globalPointer, false), (key, node) -> {
                String pointer = JsonInput.child(globalPointer, key);
                String listKey = node.has("path_components") ? "path_components" : "components";
                JsonNode list = in.array(node.get(listKey), JsonInput.child(pointer, listKey), true);
                List<String> path = new ArrayList<>();
                if (list != null) {
                    list.forEach(n -> path.add(n.asText()));
                }
                double limit = in.number(node.get("threshold"), JsonInput.child(pointer, "threshold"), true, Double.NaN);
                globals.add(new GlobalConstraint(key, path, limit));
                place(Subject.of(Kind.GLOBAL_CONSTRAINT, key), qos, pointer);
            });
        }
        collect(in);
    }

    // ---------------------------------------------------------------- locations

    /** The most specific place known for a subject, walking up to its container when needed. */
    private Problem locate(Subject subject, String message) {
        if (subject.kind() == Kind.PERFORMANCE && !places.containsKey(subject) && performanceDocument != null) {
            // a missing declaration belongs in performance.yaml, next to its component's others
            String pointer = JsonInput.child(JsonInput.child(JsonInput.child(JsonInput.child("/components",
                    subject.name(0)), subject.name(1)), "resources"), subject.name(2));
            return new Problem(performanceDocument.file().toString(), performanceDocument.location(pointer), message);
        }
        for (Subject candidate = subject; candidate != null; candidate = parent(candidate)) {
            Problem place = places.get(candidate);
            if (place != null) {
                return new Problem(place.file(), place.location(), message);
            }
        }
        return new Problem(directory.toString(), "", message);
    }

    private static Subject parent(Subject subject) {
        List<String> names = subject.names();
        return switch (subject.kind()) {
            case COMPATIBILITY -> new Subject(Kind.PARTITION, names.subList(0, 3));
            case PARTITION -> new Subject(Kind.DEPLOYMENT, names.subList(0, 2));
            case DEPLOYMENT, PERFORMANCE, LOCAL_CONSTRAINT, DAG_NODE -> new Subject(Kind.COMPONENT, names.subList(0, 1));
            case DAG_EDGE -> new Subject(Kind.DAG, List.of());
            case RESOURCE -> new Subject(Kind.LAYER, names.subList(0, 1));
            default -> null;
        };
    }
}
