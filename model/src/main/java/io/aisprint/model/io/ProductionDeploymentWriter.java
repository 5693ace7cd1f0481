package io.aisprint.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.aisprint.model.Component;
import io.aisprint.model.ComputationalLayer;
import io.aisprint.model.Deployment;
import io.aisprint.model.FaasResource;
import io.aisprint.model.ModelException;
import io.aisprint.model.NetworkDomain;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.Placement;
import io.aisprint.model.Resource;
import io.aisprint.model.ResourceKind;
import io.aisprint.model.SystemDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes AI-SPRINT's {@code production_deployment.yaml} (the layout toscarizer reads for
 * {@code --optimal}): {@code System.{DeploymentName, name, NetworkDomains, Components, Feasible}},
 * keeping only the network domains, layers and resources the placement uses, with
 * {@code totalNodes} set to the chosen instance count and each component (or partition) naming its
 * {@code selectedExecutionResource}.
 */
public final class ProductionDeploymentWriter {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();
    private static final Pattern DIGITS = Pattern.compile("(\\d+)$");

    private ProductionDeploymentWriter() {
    }

    public static void write(SystemDescription system, Placement placement, String deploymentName, Path file) {
        write(system, placement, deploymentName, file, Map.of());
    }

    /** With the container images by component or partition name (see {@link ContainerImages}). */
    public static void write(SystemDescription system, Placement placement, String deploymentName, Path file,
                             Map<String, String> images) {
        AtomicFiles.write(file, toYaml(system, placement, deploymentName, images));
    }

    public static String toYaml(SystemDescription system, Placement placement, String deploymentName) {
        return toYaml(system, placement, deploymentName, Map.of());
    }

    public static String toYaml(SystemDescription system, Placement placement, String deploymentName, Map<String, String> images) {
        try {
            return MAPPER.writeValueAsString(toTree(system, placement, deploymentName, images));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model tree always serialises", e);
        }
    }

    public static ObjectNode toTree(SystemDescription system, Placement placement, String deploymentName) {
        return toTree(system, placement, deploymentName, Map.of());
    }

    public static ObjectNode toTree(SystemDescription system, Placement placement, String deploymentName,
                                    Map<String, String> images) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode top = root.putObject("System");
        top.put("DeploymentName", deploymentName);
        top.put("name", system.application().name());
        Map<String, Resource> resources = system.continuum().resourcesByName();
        Set<String> usedResources = new LinkedHashSet<>();
        placement.components().forEach(c -> c.partitions().forEach(p -> usedResources.add(p.resource())));
        writeDomains(top.putObject("NetworkDomains"), system, placement, usedResources);
        ObjectNode components = top.putObject("Components");
        List<Component> order = system.application().components();
        for (Placement.ComponentPlacement chosen : placement.components()) {
            int index = indexOf(order, chosen.component());
            Component component = order.get(index);
            Deployment deployment = component.deployment(chosen.deployment()).orElseThrow(() -> new ModelException(
                    ModelException.Kind.INVALID, List.of(new io.aisprint.model.Problem("", "/components/" + chosen.component(),
                            "the placement names the unknown deployment " + chosen.deployment()))));
            boolean single = deployment.partitions().size() == 1;
            String partitioning = digits(deployment.name(), "1");
            for (int i = 0; i < chosen.partitions().size(); i++) {
                Placement.PartitionPlacement where = chosen.partitions().get(i);
                String key = "component" + (index + 1) + (single ? "" : "_partition" + partitioning + "_" + (i + 1));
                String name = single ? component.name() : component.name() + "_partition" + partitioning + "_" + (i + 1);
                ObjectNode node = components.putObject(key);
                node.put("name", name);
                Resource resource = resources.get(where.resource());
                node.put("executionLayer", resource == null ? 0 : layerNumber(system, resource.layer()));
                ObjectNode container = node.putObject("Containers").putObject("container1");
                String image = ContainerImages.lookup(images, name);
                if (image == null) {
                    image = ContainerImages.lookup(images, component.name());
                }
                if (image == null) {
                    container.putNull("image");
                } else {
                    container.put("image", image);
                }
                Partition partition = deployment.partition(where.partition()).orElse(deployment.partitions().get(Math.min(i, deployment.partitions().size() - 1)));
                Double memory = partition.memoryByResource().get(where.resource());
                container.put("memorySize", memory == null ? 0 : memory);
                container.put("selectedExecutionResource", where.resource());
            }
        }
        top.put("Feasible", placement.feasible());
        return root;
    }

    /**
     * Each used layer is written under the most specific domain that holds it (the one with the
     * fewest layers); a wider domain joining layers written elsewhere becomes a domain with
     * {@code subNetworkDomains}, as in AI-SPRINT's candidate_resources.yaml.
     */
    private static void writeDomains(ObjectNode domains, SystemDescription system, Placement placement, Set<String> used) {
        List<NetworkDomain> all = system.continuum().networkDomains();
        Map<String, NetworkDomain> owner = new java.util.LinkedHashMap<>();
        for (ComputationalLayer layer : system.continuum().layers()) {
            if (layer.resources().stream().noneMatch(r -> used.contains(r.name()))) {
                continue;
            }
            all.stream().filter(d -> d.layers().contains(layer.name()))
                    .min(java.util.Comparator.comparingInt(d -> d.layers().size()))
                    .ifPresent(d -> owner.put(layer.name(), d));
        }
        for (NetworkDomain domain : all) {
            List<ComputationalLayer> layers = new ArrayList<>();
            Set<String> subDomains = new LinkedHashSet<>();
            for (String layerName : domain.layers()) {
                NetworkDomain layerOwner = owner.get(layerName);
                if (layerOwner == null) {
                    continue;
                }
                if (layerOwner == domain) {
                    system.continuum().layer(layerName).ifPresent(layers::add);
                } else {
                    subDomains.add(layerOwner.name());
                }
            }
            if (layers.isEmpty() && subDomains.size() < 2) {
                continue;
            }
            ObjectNode node = domains.putObject(domain.name());
            node.put("name", domain.name());
            node.put("AccessDelay", domain.accessDelay());
            node.put("Bandwidth", domain.bandwidth());
            var subs = node.putArray("subNetworkDomains");
            subDomains.forEach(subs::add);
            if (layers.isEmpty()) {
                continue;
            }
            ObjectNode layersNode = node.putObject("ComputationalLayers");
            for (ComputationalLayer layer : layers) {
                ObjectNode layerNode = layersNode.putObject(layer.name());
                layerNode.put("name", layer.name());
                layerNode.put("number", layerNumber(system, layer.name()));
                layerNode.put("type", switch (layer.kind()) {
                    case EDGE -> "PhysicalAlreadyProvisioned";
                    case VM -> "Virtual";
                    case FAAS -> "NativeCloudFunction";
                });
                ObjectNode resourcesNode = layerNode.putObject("Resources");
                int count = 0;
                for (Resource resource : layer.resources()) {
                    if (!used.contains(resource.name())) {
                        continue;
                    }
                    ObjectNode resourceNode = resourcesNode.putObject("resource" + (++count));
                    resourceNode.put("name", resource.name());
                    if (resource.kind() != ResourceKind.FAAS) {
                        resourceNode.put("totalNodes", placement.instances().getOrDefault(resource.name(), 1));
                    }
                    resourceNode.put("description", resource.description());
                    resourceNode.put("cost", resource.cost());
                    resourceNode.put("memorySize", resource.memory());
                    if (resource instanceof NodeResource nodeResource) {
                        resourceNode.putObject("processors").putObject("processor1").put("computingUnits", nodeResource.cores());
                    } else if (resource instanceof FaasResource faas) {
                        resourceNode.put("idleTime", faas.idleTimeBeforeKill());
                        resourceNode.put("transitionCost", faas.transitionCost());
                    }
                }
            }
        }
    }

    private static int indexOf(List<Component> components, String name) {
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new ModelException(ModelException.Kind.INVALID, List.of(new io.aisprint.model.Problem("", "/components",
                "the placement names the unknown component " + name)));
    }

    /** AI-SPRINT layers are numbered; ours keep the number as the trailing digits of the layer name. */
    private static int layerNumber(SystemDescription system, String layer) {
        Matcher matcher = DIGITS.matcher(layer);
        if (matcher.find()) {
            return Integer.parseInt(matcher.group(1));
        }
        List<ComputationalLayer> layers = system.continuum().layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(layer)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String digits(String name, String fallback) {
        Matcher matcher = DIGITS.matcher(name);
        return matcher.find() ? matcher.group(1) : fallback;
    }
}
