package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.testsupport.Examples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductionDeploymentWriterTest {

    @Test
    void writesTheChosenResourcesInstancesAndPartitions(@TempDir Path temp) throws IOException {
        SystemDescription system = SystemReaders.read(Examples.require("mask-detection"));
        Placement placement = partitionedPlacement();
        Path file = temp.resolve("aisprint/deployments/optimal_deployment/production_deployment.yaml");
        ProductionDeploymentWriter.write(system, placement, "deployment2", file);

        JsonNode root = new YAMLMapper().readTree(file.toFile()).get("System");
        assertThat(root.get("DeploymentName").asText()).isEqualTo("deployment2");
        assertThat(root.get("Feasible").asBoolean()).isTrue();
        JsonNode components = root.get("Components");
        assertThat(components.get("component1").get("name").asText()).isEqualTo("blurry-faces");
        assertThat(components.at("/component2_partition1_1/name").asText()).isEqualTo("mask-detector_partition1_1");
        assertThat(components.at("/component2_partition1_2/Containers/container1/selectedExecutionResource").asText())
                .isEqualTo("VM-t3xlarge");
        assertThat(components.at("/component2_partition1_2/Containers/container1/memorySize").asDouble()).isEqualTo(768.0);
        assertThat(components.at("/component2_partition1_2/executionLayer").asInt()).isEqualTo(2);
        // only used resources, with the chosen cluster size; JetsonNano and the GPU VM are left out
        String yaml = Files.readString(file);
        assertThat(yaml).doesNotContain("JetsonNano", "VM-g4dnxlarge");
        assertThat(root.at("/NetworkDomains/ND2/ComputationalLayers/computationalLayer1/Resources/resource1/name").asText())
                .isEqualTo("RaspberryPi4");
        assertThat(root.at("/NetworkDomains/ND3/ComputationalLayers/computationalLayer2/Resources/resource1/totalNodes").asInt())
                .isEqualTo(2);
        assertThat(root.at("/NetworkDomains/ND3/ComputationalLayers/computationalLayer2/type").asText()).isEqualTo("Virtual");
        // the 4G uplink joining the two sites stays a domain of sub-domains
        assertThat(root.at("/NetworkDomains/ND1/subNetworkDomains").toString()).isEqualTo("[\"ND2\",\"ND3\"]");
        assertThat(root.at("/NetworkDomains/ND1/ComputationalLayers").isMissingNode()).isTrue();
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.toList()).as("no temporary file left behind").hasSize(1);
        }
    }

    @Test
    void carriesTheContainerImagesOfCandidateDeployments(@TempDir Path temp) throws IOException {
        Path app = Examples.require("mask-detection");
        SystemDescription system = SystemReaders.read(app);
        Placement placement = partitionedPlacement();
        Path file = temp.resolve("production_deployment.yaml");
        ProductionDeploymentWriter.write(system, placement, "deployment2", file, ContainerImages.read(app));

        JsonNode components = new YAMLMapper().readTree(file.toFile()).get("System").get("Components");
        assertThat(components.at("/component1/Containers/container1/image").asText()).isEqualTo("aisprint/blurry-faces:0.1");
        assertThat(components.at("/component2_partition1_1/Containers/container1/image").asText())
                .isEqualTo("aisprint/mask-detector-partition1-1:0.1");
        assertThat(components.at("/component2_partition1_2/Containers/container1/image").asText())
                .isEqualTo("aisprint/mask-detector-partition1-2:0.1");
        assertThat(ContainerImages.lookup(Map.of("c_partitionX_2", "img"), "c_partition1_2")).isEqualTo("img");
    }

    private static Placement partitionedPlacement() {
        return new Placement(2.0, List.of(
                new Placement.ComponentPlacement("blurry-faces", "base",
                        List.of(new Placement.PartitionPlacement("base", "RaspberryPi4", 0.28)), 0.28, 0.5),
                new Placement.ComponentPlacement("mask-detector", "partition1",
                        List.of(new Placement.PartitionPlacement("partition1_1", "RaspberryPi4", 0.1),
                                new Placement.PartitionPlacement("partition1_2", "VM-t3xlarge", 0.05)), 0.2, 0.4)),
                Map.of("RaspberryPi4", 1, "VM-t3xlarge", 2), List.of(), 0.73, true);
    }
}
