package io.aisprint.placement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.aisprint.model.ComputationalLayer;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SolutionJsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a designed placement as {@code solution.json} (SPACE4AI-D C++ layout) and
 * {@code production_deployment.yaml}. The YAML writer here is a minimal stand-in (one entry per
 * partition with its resource, memory and layer, in the AI-SPRINT layout) until the model module's
 * full production-deployment writer is wired in.
 */
public final class DeploymentFiles {
    public static final String SOLUTION = "solution.json";
    public static final String PRODUCTION_DEPLOYMENT = "production_deployment.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private DeploymentFiles() {
    }

    public static void write(SystemDescription system, Placement placement, Path directory) {
        SolutionJsonWriter.write(system, placement, directory.resolve(SOLUTION));
        writeAtomically(directory.resolve(PRODUCTION_DEPLOYMENT), productionDeploymentYaml(system, placement));
    }

    static String productionDeploymentYaml(SystemDescription system, Placement placement) {
        ObjectNode root = YAML.createObjectNode();
        ObjectNode components = root.putObject("System").putObject("Components");
        List<ComputationalLayer> layers = system.continuum().layers();
        int componentNumber = 0;
        for (Placement.ComponentPlacement component : placement.components()) {
            componentNumber++;
            var deployment = system.application().component(component.component()).orElseThrow()
                    .deployment(component.deployment()).orElseThrow();
            boolean partitioned = component.partitions().size() > 1;
            int partitionNumber = 0;
            for (Placement.PartitionPlacement partition : component.partitions()) {
                partitionNumber++;
                String key = "component" + componentNumber
                        + (partitioned ? "_partition" + component.deployment() + "_" + partitionNumber : "");
                ObjectNode entry = components.putObject(key);
                entry.put("name", partitioned ? component.component() + "_partition" + partitionNumber : component.component());
                ObjectNode container = entry.putObject("Containers").putObject("container1");
                double memory = deployment.partition(partition.partition()).orElseThrow().memoryByResource()
                        .getOrDefault(partition.resource(), 0.0);
                container.put("memorySize", memory);
                container.put("selectedExecutionResource", partition.resource());
                var resource = system.continuum().resource(partition.resource()).orElseThrow();
                int layerNumber = 1;
                for (int l = 0; l < layers.size(); l++) {
                    if (layers.get(l).name().equals(resource.layer())) {
                        layerNumber = l + 1;
                    }
                }
                entry.put("executionLayer", layerNumber);
                Integer instances = placement.instances().get(partition.resource());
                if (instances != null) {
                    entry.put("instances", instances);
                }
            }
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new PlacementException("cannot write the production deployment: " + e.getMessage());
        }
    }

    private static void writeAtomically(Path target, String text) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempFile(absolute.getParent(), ".deployment", ".tmp");
            Files.writeString(temporary, text);
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PlacementException("cannot write " + target + ": " + e.getMessage());
        }
    }
}
