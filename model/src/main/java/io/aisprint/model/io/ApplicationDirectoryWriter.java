package io.aisprint.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a system as an AI-SPRINT application directory (the five {@code common_config} files that
 * {@link ApplicationDirectoryReader} reads). A directory read and written again reads back equal.
 *
 * <p>The layout cannot say everything a SPACE4AI-D file can, so a system from JSON is adapted:
 * deployments are renamed {@code base} (a single-partition deployment named base) or
 * {@code partition<k>} with partitions {@code partition<k>_<s>} (k = position of the deployment);
 * a layer sits in the most specific network domain holding it and wider domains list it through
 * {@code subNetworkDomains}; a global limit becomes the {@code exec_time} of its last component (one
 * per component) and is renamed {@code path_to_<component>}.
 */
public final class ApplicationDirectoryWriter {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern TRAILING_DIGITS = Pattern.compile("(\\d+)$");

    private ApplicationDirectoryWriter() {
    }

    /** The AI-SPRINT names of one deployment's partitions. */
    private record Names(String deployment, List<String> partitions) {
    }

    public static void write(SystemDescription system, Path directory) {
        Application application = system.application();
        Map<String, List<Names>> names = names(application);
        Map<String, Integer> layerNumbers = layerNumbers(system);
        AtomicFiles.write(directory.resolve(ApplicationDirectoryReader.DAG_FILE), yaml(dag(application)));
        AtomicFiles.write(directory.resolve(ApplicationDirectoryReader.RESOURCES_FILE), yaml(resources(system, layerNumbers)));
        AtomicFiles.write(directory.resolve(ApplicationDirectoryReader.DEPLOYMENTS_FILE),
                yaml(deployments(system, names, layerNumbers)));
        AtomicFiles.write(directory.resolve(ApplicationDirectoryReader.ANNOTATIONS_FILE), yaml(annotations(application)));
        AtomicFiles.write(directory.resolve(ApplicationDirectoryReader.PERFORMANCE_FILE), yaml(performance(system, names)));
    }

    private static String yaml(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model tree always serialises", e);
        }
    }

    private static Map<String, List<Names>> names(Application application) {
        Map<String, List<Names>> names = new LinkedHashMap<>();
        for (Component component : application.components()) {
            List<Names> list = new ArrayList<>();
            boolean baseTaken = false;
            Set<String> taken = new HashSet<>();
            component.deployments().forEach(d -> {
                if (d.name().matches("partition[^_]+")) {
                    taken.add(d.name());
                }
            });
            for (int k = 0; k < component.deployments().size(); k++) {
                Deployment deployment = component.deployments().get(k);
                if (!baseTaken && deployment.name().equals("base") && deployment.partitions().size() == 1) {
                    baseTaken = true;
                    list.add(new Names("base", List.of("base")));
                    continue;
                }
                String name = deployment.name();
                if (!name.matches("partition[^_]+")) {
                    // a free partition<n> name, not used by another deployment of this component
                    int n = k + 1;
                    while (taken.contains("partition" + n)) {
                        n++;
                    }
                    name = "partition" + n;
                    taken.add(name);
                }
                List<String> partitions = new ArrayList<>();
                for (int s = 1; s <= deployment.partitions().size(); s++) {
                    partitions.add(name + "_" + s);
                }
                list.add(new Names(name, partitions));
            }
            names.put(component.name(), list);
        }
        return names;
    }

    /** AI-SPRINT numbers layers; the trailing digits of the layer names when they are unique, else positions. */
    private static Map<String, Integer> layerNumbers(SystemDescription system) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Set<Integer> seen = new HashSet<>();
        boolean usable = true;
        for (ComputationalLayer layer : system.continuum().layers()) {
            Matcher matcher = TRAILING_DIGITS.matcher(layer.name());
            if (!matcher.find() || !seen.add(Integer.parseInt(matcher.group(1)))) {
                usable = false;
                break;
            }
            numbers.put(layer.name(), Integer.parseInt(matcher.group(1)));
        }
        if (!usable) {
            numbers.clear();
            List<ComputationalLayer> layers = system.continuum().layers();
            for (int i = 0; i < layers.size(); i++) {
                numbers.put(layers.get(i).name(), i + 1);
            }
        }
        return numbers;
    }

    private static ObjectNode dag(Application application) {
        ObjectNode root = NODES.objectNode();
        ObjectNode system = root.putObject("System");
        system.put("name", application.name());
        ArrayNode components = system.putArray("components");
        application.dag().nodes().forEach(components::add);
        ArrayNode dependencies = system.putArray("dependencies");
        for (Dag.Edge edge : application.dag().edges()) {
            dependencies.addArray().add(edge.from()).add(edge.to()).add(edge.probability());
        }
        return root;
    }

    private static ObjectNode resources(SystemDescription system, Map<String, Integer> layerNumbers) {
        ObjectNode root = NODES.objectNode();
        ObjectNode top = root.putObject("System");
        top.put("name", system.application().name());
        ObjectNode domains = top.putObject("NetworkDomains");
        List<NetworkDomain> all = system.continuum().networkDomains();
        Map<String, NetworkDomain> owner = new LinkedHashMap<>();
        for (ComputationalLayer layer : system.continuum().layers()) {
            all.stream().filter(d -> d.layers().contains(layer.name()))
                    .min(Comparator.comparingInt(d -> d.layers().size()))
                    .ifPresent(d -> owner.put(layer.name(), d));
        }
        for (NetworkDomain domain : all) {
            ObjectNode node = domains.putObject(domain.name());
            node.put("name", domain.name());
            node.put("AccessDelay", domain.accessDelay());
            node.put("Bandwidth", domain.bandwidth());
            Set<String> subDomains = new LinkedHashSet<>();
            List<String> own = new ArrayList<>();
            for (String layer : domain.layers()) {
                NetworkDomain layerOwner = owner.get(layer);
                if (layerOwner == domain) {
                    own.add(layer);
                } else if (layerOwner != null) {
                    subDomains.add(layerOwner.name());
                }
            }
            ArrayNode subs = node.putArray("subNetworkDomains");
            subDomains.forEach(subs::add);
            ObjectNode layers = node.putObject("ComputationalLayers");
            for (String layerName : own) {
                ComputationalLayer layer = system.continuum().layer(layerName).orElseThrow();
                ObjectNode layerNode = layers.putObject(layerName);
                layerNode.put("name", layerName);
                layerNode.put("number", layerNumbers.get(layerName));
                layerNode.put("type", switch (layer.kind()) {
                    case EDGE -> "PhysicalAlreadyProvisioned";
                    case VM -> "Virtual";
                    case FAAS -> "NativeCloudFunction";
                });
                ObjectNode resources = layerNode.putObject("Resources");
                for (int i = 0; i < layer.resources().size(); i++) {
                    resource(resources.putObject("resource" + (i + 1)), layer.resources().get(i));
                }
            }
        }
        return root;
    }

    private static void resource(ObjectNode node, Resource resource) {
        node.put("name", resource.name());
        if (resource instanceof NodeResource nodeResource) {
            node.put("totalNodes", nodeResource.number());
        }
        node.put("description", resource.description());
        node.put("cost", resource.cost());
        node.put("memorySize", resource.memory());
        if (resource instanceof NodeResource nodeResource) {
            node.putObject("processors").putObject("processor1").put("computingUnits", nodeResource.cores());
        } else if (resource instanceof FaasResource faas) {
            node.put("idleTime", faas.idleTimeBeforeKill());
            node.put("transitionCost", faas.transitionCost());
        }
    }

    private static ObjectNode deployments(SystemDescription system, Map<String, List<Names>> names,
            Map<String, Integer> layerNumbers) {
        ObjectNode root = NODES.objectNode();
        ObjectNode components = root.putObject("Components");
        Map<String, Resource> resources = system.continuum().resourcesByName();
        List<Component> list = system.application().components();
        for (int c = 0; c < list.size(); c++) {
            Component component = list.get(c);
            for (int d = 0; d < component.deployments().size(); d++) {
                Deployment deployment = component.deployments().get(d);
                Names deploymentNames = names.get(component.name()).get(d);
                for (int s = 0; s < deployment.partitions().size(); s++) {
                    Partition partition = deployment.partitions().get(s);
                    String partitionName = deploymentNames.partitions().get(s);
                    boolean base = partitionName.equals("base");
                    String key = "component" + (c + 1) + (base ? "" : "_" + partitionName);
                    ObjectNode entry = components.putObject(key);
                    entry.put("name", base ? component.name() : component.name() + "_" + partitionName);
                    Set<Integer> layers = new LinkedHashSet<>();
                    partition.memoryByResource().keySet().forEach(r -> {
                        Resource resource = resources.get(r);
                        if (resource != null) {
                            layers.add(layerNumbers.get(resource.layer()));
                        }
                    });
                    ArrayNode layerList = entry.putArray("candidateExecutionLayers");
                    layers.forEach(layerList::add);
                    // one container per distinct memory need, keeping the resources' order
                    Map<Double, List<String>> byMemory = new LinkedHashMap<>();
                    partition.memoryByResource().forEach((r, m) -> byMemory.computeIfAbsent(m, x -> new ArrayList<>()).add(r));
                    ObjectNode containers = entry.putObject("Containers");
                    int index = 0;
                    for (Map.Entry<Double, List<String>> group : byMemory.entrySet()) {
                        ObjectNode container = containers.putObject("container" + (++index));
                        container.putNull("image");
                        container.put("memorySize", group.getKey());
                        container.put("computingUnits", 1);
                        ArrayNode candidates = container.putArray("candidateExecutionResources");
                        group.getValue().forEach(candidates::add);
                    }
                }
            }
        }
        return root;
    }

    private static ObjectNode annotations(Application application) {
        ObjectNode root = NODES.objectNode();
        Map<String, GlobalConstraint> globalByLast = new LinkedHashMap<>();
        for (GlobalConstraint constraint : application.globalConstraints()) {
            if (!constraint.components().isEmpty()) {
                globalByLast.putIfAbsent(constraint.components().get(constraint.components().size() - 1), constraint);
            }
        }
        for (Component component : application.components()) {
            ObjectNode node = root.putObject("src/" + component.name() + "/main.py");
            node.putObject("component_name").put("name", component.name());
            Double local = application.localConstraints().stream().filter(l -> l.component().equals(component.name()))
                    .map(LocalConstraint::maxResponseTime).findFirst().orElse(null);
            GlobalConstraint global = globalByLast.get(component.name());
            if (local != null || global != null) {
                ObjectNode exec = node.putObject("exec_time");
                if (local != null) {
                    exec.put("local_time_thr", local);
                }
                if (global != null) {
                    exec.put("global_time_thr", global.maxResponseTime());
                    ArrayNode previous = exec.putArray("prev_components");
                    global.components().subList(0, global.components().size() - 1).forEach(previous::add);
                }
            }
        }
        return root;
    }

    private static ObjectNode performance(SystemDescription system, Map<String, List<Names>> names) {
        ObjectNode root = NODES.objectNode();
        Application application = system.application();
        root.put("lambda", application.lambda());
        root.put("time", application.time());
        ObjectNode components = root.putObject("components");
        for (Component component : application.components()) {
            ObjectNode componentNode = components.putObject(component.name());
            for (int d = 0; d < component.deployments().size(); d++) {
                Deployment deployment = component.deployments().get(d);
                for (int s = 0; s < deployment.partitions().size(); s++) {
                    Partition partition = deployment.partitions().get(s);
                    ObjectNode node = componentNode.putObject(names.get(component.name()).get(d).partitions().get(s));
                    // one size per successor: a size written for a sink (as some SPACE4AI-D files do) has nowhere to go
                    ArrayNode sizes = node.putArray("data_size");
                    partition.dataSizes().stream().limit(partition.next().size()).forEach(sizes::add);
                    node.put("early_exit_probability", partition.earlyExitProbability());
                    ObjectNode resources = node.putObject("resources");
                    for (String resource : partition.memoryByResource().keySet()) {
                        system.performance().model(component.name(), partition.name(), resource)
                                .ifPresent(model -> resources.set(resource, SystemJsonWriter.performanceModel(model)));
                    }
                }
            }
        }
        return root;
    }
}
