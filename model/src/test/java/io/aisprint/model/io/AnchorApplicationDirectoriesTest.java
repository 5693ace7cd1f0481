package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.testsupport.Anchors;
import io.aisprint.model.Component;
import io.aisprint.model.Deployment;
import io.aisprint.model.GlobalConstraint;
import io.aisprint.model.LocalConstraint;
import io.aisprint.model.ResourceKind;
import io.aisprint.model.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every AI-SPRINT application directory among the anchors is read. */
class AnchorApplicationDirectoriesTest {

    private static Path app(String name) {
        return Anchors.require().resolve("aisprint-apps").resolve(name);
    }

    @Test
    void readsEveryApplicationDirectory() throws IOException {
        Path root = Anchors.require().resolve("aisprint-apps");
        List<Path> apps;
        try (Stream<Path> list = Files.list(root)) {
            apps = list.filter(p -> Files.isRegularFile(p.resolve(ApplicationDirectoryReader.DAG_FILE))).sorted().toList();
        }
        assertThat(apps).hasSize(9);
        for (Path app : apps) {
            SystemDescription system = SystemReaders.read(app);
            assertThat(system.application().components()).as(app.toString()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(system.continuum().resources()).as(app.toString()).isNotEmpty();
            assertThat(system.application().dag().topologicalOrder()).as(app.toString()).isPresent();
        }
    }

    @Test
    void designedPartitionsReplaceTheTemplateAndAnnotationsGiveLimitsAndEarlyExits() {
        SystemDescription system = SystemReaders.read(app("toscarizer-app_early"));
        Component classifier = system.application().component("classifier").orElseThrow();
        assertThat(classifier.deployments()).extracting(Deployment::name).containsExactly("base", "partition1");
        Deployment partitioned = classifier.deployment("partition1").orElseThrow();
        assertThat(partitioned.partitions()).extracting(p -> p.name()).containsExactly("partition1_1", "partition1_2");
        assertThat(partitioned.partitions().get(0).earlyExitProbability()).isEqualTo(0.25);
        assertThat(partitioned.partitions().get(0).next()).containsExactly("partition1_2");
        assertThat(partitioned.partitions().get(0).memoryByResource()).containsOnlyKeys("VM4").containsEntry("VM4", 1024.0);
        assertThat(classifier.deployment("base").orElseThrow().partitions().get(0).memoryByResource())
                .containsOnlyKeys("VM4", "VM5", "VM6");
        assertThat(system.application().localConstraints())
                .containsExactlyInAnyOrder(new LocalConstraint("filter", 20), new LocalConstraint("classifier", 10));
        assertThat(system.application().lambda()).isEqualTo(1.0);
        // ND3 joins ND1 and ND2 through its sub-domains
        assertThat(system.continuum().networkDomains().get(2).layers())
                .containsExactly("computationalLayer1", "computationalLayer2", "computationalLayer3", "computationalLayer4");
    }

    @Test
    void globalLimitFromExecTimeAndLambdaFromExpectedThroughput() {
        SystemDescription system = SystemReaders.read(app("toscarizer-app2"));
        assertThat(system.application().globalConstraints()).singleElement().satisfies(g -> {
            assertThat(g.components()).containsExactly("blurry-faces-onnx", "mask-detector-onnx");
            assertThat(g.maxResponseTime()).isEqualTo(40);
        });
        assertThat(system.application().lambda()).isEqualTo(1.0);
        SystemDescription test = SystemReaders.read(app("toscarizer-app_test"));
        assertThat(test.application().lambda()).isEqualTo(0.25);
        assertThat(test.continuum().layers()).extracting(l -> l.kind())
                .contains(ResourceKind.EDGE, ResourceKind.VM, ResourceKind.FAAS);
    }

    @Test
    void oscarpPerformanceModelsAndDataSizesAreUsed() {
        SystemDescription system = SystemReaders.read(app("studio-mask_detection_3_components_4CL"));
        Component blurry = system.application().component("blurry-faces-onnx").orElseThrow();
        assertThat(blurry.deployments()).extracting(Deployment::name).containsExactly("base", "partition1");
        assertThat(blurry.deployment("partition1").orElseThrow().partitions().get(0).dataSizes()).containsExactly(13000.0);
        assertThat(blurry.deployment("base").orElseThrow().partitions().get(0).dataSizes()).containsExactly(415.0);
        assertThat(system.performance().model("blurry-faces-onnx", "partition1_2", "VM2")).isPresent();
        assertThat(system.application().time()).isEqualTo(1.0);
        assertThat(system.application().globalConstraints()).extracting(GlobalConstraint::name).isEmpty();
    }
}
