package io.aisprint.deploy.internal;

import io.aisprint.deploy.DeployException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything the TOSCA and FDL generators read from an application directory, checked once: the
 * DAG, where each component runs (layer, resource, container), the computational layers, the
 * pre-existing clusters of {@code physical_nodes.yaml}, the QoS constraints (one file, or one per
 * layer {@code qos_constraints_L<n>.yaml}) and the images of {@code containers.yaml}.
 */
public final class DeploymentInputs {
    public static final List<String> LAYER_TYPES =
            List.of("Virtual", "PhysicalToBeProvisioned", "PhysicalAlreadyProvisioned", "NativeCloudFunction");
    private static final Pattern LEVEL_FILE = Pattern.compile("qos_constraints_L(\\d+)\\.yaml");

    /** A computational layer of the resources file, with the place it was read from. */
    public record Layer(String name, int number, String type, Map<String, Object> tree, String file, String field) {
        public Map<String, Object> resources() {
            return Trees.requireMap(tree, "Resources", file, field);
        }
    }

    /** Where one component (or partition) runs, and its container. */
    public record Placed(String component, Layer layer, String resource, Map<String, Object> container,
                         String file, String containerField) {
    }

    private final AppLayout layout;
    private ApplicationDag dag;
    private final Map<String, Placed> placed = new LinkedHashMap<>();
    private final Map<String, Object> physicalNodes;
    private final Map<String, Object> qosFull;
    private final Map<Integer, Map<String, Object>> qosByLevel = new TreeMap<>();
    private final Map<String, Object> containers;

    private DeploymentInputs(AppLayout layout) {
        this.layout = layout;
        Map<String, Layer> layers = readLayers(layout.resourcesFile());
        String deploymentsFile = layout.deploymentsFile().toString();
        Map<String, Object> components = Trees.requireMap(system(YamlFiles.read(layout.deploymentsFile()), deploymentsFile),
                "Components", deploymentsFile, "");
        this.dag = ApplicationDag.read(layout.dagFile()).expand(partitionChains(components));
        for (String component : dag.components()) {
            placed.put(component, place(component, components, layers, deploymentsFile));
        }
        Path physical = layout.physicalNodesFile();
        this.physicalNodes = Files.isRegularFile(physical)
                ? Trees.map(orEmpty(YamlFiles.read(physical)), physical.toString(), "") : Map.of();
        this.qosFull = Files.isRegularFile(layout.qosFile()) ? readQos(layout.qosFile()) : null;
        if (qosFull == null) {
            readLevelQos(layout.qosFile().getParent());
        }
        Path containersFile = layout.containersFile();
        this.containers = Files.isRegularFile(containersFile)
                ? Trees.map(orEmpty(YamlFiles.read(containersFile)), containersFile.toString(), "") : Map.of();
    }

    public static DeploymentInputs read(AppLayout layout) {
        return new DeploymentInputs(layout);
    }

    public AppLayout layout() {
        return layout;
    }

    public ApplicationDag dag() {
        return dag;
    }

    public Placed placed(String component) {
        return placed.get(component);
    }

    public Map<String, Object> physicalNodes() {
        return physicalNodes;
    }

    public String physicalNodesFile() {
        return layout.physicalNodesFile().toString();
    }

    /** The QoS constraints for a layer: its own {@code _L<n>} file, else the application's one (or null). */
    public Map<String, Object> qosFor(int layerNumber) {
        Map<String, Object> level = qosByLevel.get(layerNumber);
        return level != null ? level : qosFull;
    }

    /** The images {@code containers.yaml} lists for a component ({@code components.<c>.docker_images}). */
    public List<String> images(String component) {
        Object entry = containers.get("components") instanceof Map<?, ?> map ? map.get(component) : null;
        if (entry instanceof Map<?, ?> images && images.get("docker_images") instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    public String containersFile() {
        return layout.containersFile().toString();
    }

    private static Map<String, Object> system(Object root, String file) {
        Map<String, Object> map = Trees.map(root, file, "");
        Object system = map.get("System");
        return system == null ? map : Trees.map(system, file, "System");
    }

    private static Map<String, Layer> readLayers(Path path) {
        String file = path.toString();
        Map<String, Object> system = system(YamlFiles.read(path), file);
        String prefix = system.containsKey("Resources") ? "System.Resources" : "System";
        if (system.containsKey("Resources")) {
            system = Trees.requireMap(system, "Resources", file, "System");
        }
        Map<String, Layer> layers = new LinkedHashMap<>();
        Map<String, Object> domains = Trees.requireMap(system, "NetworkDomains", file, prefix);
        for (Map.Entry<String, Object> domain : domains.entrySet()) {
            String domainField = prefix + ".NetworkDomains." + domain.getKey();
            Map<String, Object> domainTree = Trees.map(domain.getValue(), file, domainField);
            if (domainTree.get("ComputationalLayers") == null) {
                continue;
            }
            Map<String, Object> layerTrees = Trees.requireMap(domainTree, "ComputationalLayers", file, domainField);
            for (Map.Entry<String, Object> layer : layerTrees.entrySet()) {
                String field = domainField + ".ComputationalLayers." + layer.getKey();
                Map<String, Object> tree = Trees.map(layer.getValue(), file, field);
                String type = Trees.requireString(tree, "type", file, field);
                if (!LAYER_TYPES.contains(type)) {
                    throw new DeployException(DeployException.Code.UNKNOWN_LAYER_TYPE, file, field + ".type",
                            "unknown layer type '" + type + "' (expected one of " + String.join(", ", LAYER_TYPES) + ")");
                }
                layers.put(layer.getKey(), new Layer(layer.getKey(), Trees.requireInteger(tree, "number", file, field),
                        type, tree, file, field));
            }
        }
        return layers;
    }

    /**
     * Finds a component's layer and resource the way toscarizer does: {@code executionLayer} (or
     * the first candidate layer), the first container, its {@code selectedExecutionResource} (or
     * first candidate resource); unlike toscarizer, a resource the layer lacks is an error for
     * every layer type.
     */
    private static Placed place(String component, Map<String, Object> components, Map<String, Layer> layers, String file) {
        for (Map.Entry<String, Object> entry : components.entrySet()) {
            String field = "Components." + entry.getKey();
            Map<String, Object> tree = Trees.map(entry.getValue(), file, field);
            if (!component.equals(String.valueOf(tree.get("name")).trim())) {
                continue;
            }
            String layerField = field + ".executionLayer";
            Object layerNumber = tree.get("executionLayer");
            if (layerNumber == null) {
                List<Object> candidates = Trees.list(Trees.require(tree, "candidateExecutionLayers", file, field),
                        file, field + ".candidateExecutionLayers");
                layerNumber = candidates.isEmpty() ? null : candidates.get(0);
                layerField = field + ".candidateExecutionLayers[0]";
            }
            Layer layer = null;
            for (Layer candidate : layers.values()) {
                if (layerNumber instanceof Number n && candidate.number() == n.intValue()) {
                    layer = candidate;
                    break;
                }
            }
            if (layer == null) {
                throw new DeployException(DeployException.Code.UNKNOWN_RESOURCE, file, layerField,
                        "names the computational layer " + layerNumber + " that the resources file lacks (layers "
                                + layers.values().stream().map(l -> String.valueOf(l.number())).toList() + ")");
            }
            Map<String, Object> containers = Trees.requireMap(tree, "Containers", file, field);
            if (containers.isEmpty()) {
                throw new DeployException(DeployException.Code.INVALID_FIELD, file, field + ".Containers", "has no container");
            }
            Map.Entry<String, Object> first = containers.entrySet().iterator().next();
            String containerField = field + ".Containers." + first.getKey();
            Map<String, Object> container = Trees.map(first.getValue(), file, containerField);
            String resource;
            String resourceField;
            if (container.get("candidateExecutionResources") != null) {
                List<Object> candidates = Trees.list(container.get("candidateExecutionResources"), file,
                        containerField + ".candidateExecutionResources");
                resource = candidates.isEmpty() ? "" : String.valueOf(candidates.get(0)).trim();
                resourceField = containerField + ".candidateExecutionResources[0]";
            } else {
                resource = Trees.requireString(container, "selectedExecutionResource", file, containerField);
                resourceField = containerField + ".selectedExecutionResource";
            }
            List<String> names = new ArrayList<>();
            for (Object r : layer.resources().values()) {
                if (r instanceof Map<?, ?> map) {
                    names.add(String.valueOf(map.get("name")).trim());
                }
            }
            if (!names.contains(resource)) {
                throw new DeployException(DeployException.Code.UNKNOWN_RESOURCE, file, resourceField,
                        "names the resource '" + resource + "' that computational layer " + layer.number() + " ("
                                + layer.name() + " in " + layer.file() + ") lacks (it has " + names + ")");
            }
            return new Placed(component, layer, resource, container, file, containerField);
        }
        throw new DeployException(DeployException.Code.UNKNOWN_RESOURCE, file, "Components",
                "no component is named '" + component + "' (the DAG lists it)");
    }

    /** Components the deployment file lists only as partitions ({@code <c>_partition…}), with their partitions in file order. */
    private Map<String, List<String>> partitionChains(Map<String, Object> components) {
        List<String> names = new ArrayList<>();
        components.values().forEach(c -> {
            if (c instanceof Map<?, ?> map && map.get("name") != null) {
                names.add(String.valueOf(map.get("name")).trim());
            }
        });
        Map<String, List<String>> chains = new LinkedHashMap<>();
        for (String component : ApplicationDag.read(layout.dagFile()).components()) {
            if (names.contains(component)) {
                continue;
            }
            List<String> chain = names.stream().filter(n -> n.startsWith(component + "_partition")).toList();
            if (!chain.isEmpty()) {
                chains.put(component, chain);
            }
        }
        return chains;
    }

    private static Map<String, Object> readQos(Path path) {
        Map<String, Object> tree = Trees.copy(Trees.map(YamlFiles.read(path), path.toString(), ""));
        if (tree.containsKey("System")) {
            tree.put("system", tree.remove("System"));
        }
        Map<String, Object> system = Trees.requireMap(tree, "system", path.toString(), "");
        system.put("name", Trees.requireString(system, "name", path.toString(), "system").replace('_', '-'));
        return tree;
    }

    private void readLevelQos(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                Matcher matcher = LEVEL_FILE.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    qosByLevel.put(Integer.parseInt(matcher.group(1)), readQos(file));
                }
            }
        } catch (IOException e) {
            throw new DeployException(DeployException.Code.UNREADABLE_INPUT, dir.toString(), "",
                    "cannot list the folder (" + e.getMessage() + ")");
        }
    }

    private static Object orEmpty(Object tree) {
        return tree == null ? new LinkedHashMap<String, Object>() : tree;
    }
}
