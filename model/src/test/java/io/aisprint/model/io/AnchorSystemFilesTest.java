package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.testsupport.Anchors;
import io.aisprint.model.ModelException;
import io.aisprint.model.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every SPACE4AI-D system file among the anchors, in all three format generations, is read. */
class AnchorSystemFilesTest {
    /** Solver configs, solutions, workload profiles and performance-model files are not system files. */
    private static final Pattern NOT_A_SYSTEM = Pattern.compile(
            "(?i).*(sol|output|config_|algo_configs|lambda|input_file|random_greedy_pacsltk|performance_models|/input\\.json|testconfig|prova).*");

    @Test
    void readsEverySystemFileOfEveryFormatGeneration() throws IOException {
        Path root = Anchors.require().resolve("space4ai-d");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !NOT_A_SYSTEM.matcher(root.relativize(p).toString()).matches())
                    .sorted().toList();
        }
        Path withoutDag = root.resolve("python_space4aid/test.json");
        Path history = root.resolve("python_space4aid/ConfigFiles_history/system_description@2021-06-08_fc083990.json");
        Path sharedDag = root.resolve("python_space4aid/ConfigFiles/DAG_Conf.txt");
        List<String> read = new ArrayList<>();
        for (Path file : files) {
            if (file.equals(withoutDag)) {
                continue;
            }
            SystemDescription system = file.equals(history) ? SystemJsonReader.read(file, sharedDag) : SystemJsonReader.read(file);
            assertThat(system.application().components()).as(file.toString()).isNotEmpty();
            assertThat(system.continuum().resources()).as(file.toString()).isNotEmpty();
            read.add(root.relativize(file).toString());
        }
        // 220 files: 80 design-time, 44 earlier revisions, 40 legacy large-scale, C++ and S4AIR tests,
        // wind-farm scenarios, the studio SystemFile and the Python files of formats G1 and G2.
        assertThat(read).hasSize(220);
        assertThat(read).anyMatch(f -> f.startsWith("legacy_largescale/"))
                .anyMatch(f -> f.equals("python_space4aid/ConfigFiles/system_description.json"))
                .anyMatch(f -> f.equals("aisprint_studio/mask_detection_3_components_4CL/space4ai-d/SystemFile.json"));
        // test.json ships no DAG file of its own (6 components; DAG_Conf.txt describes 5): a clear problem.
        assertThatThrownBy(() -> SystemJsonReader.read(withoutDag))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("DAG_Conf.txt");
    }

    @Test
    void firstGenerationAnnotatedFileKeepsDemandsDataSizesAndMemory() {
        Path file = Anchors.require().resolve("space4ai-d/python_space4aid/ConfigFiles/system_description.json");
        SystemDescription system = SystemJsonReader.read(file);
        var c2 = system.application().component("c2").orElseThrow();
        var partition = c2.deployments().get(0).partitions().get(0);
        assertThat(partition.memoryByResource()).containsEntry("EN2", 12.5).hasSize(7);
        assertThat(partition.next()).containsExactly("c3");
        assertThat(partition.dataSizes()).containsExactly(6.0);
        assertThat(system.application().dag().outgoing("c1")).singleElement()
                .satisfies(e -> assertThat(e.probability()).isEqualTo(0.9));
        assertThat(system.performance().model("c2", "h1", "F1")).get()
                .isEqualTo(new io.aisprint.model.PerformanceModel.FaasDemand("PACSLTK", 0.25, 0.3));
        assertThat(system.performance().model("c2", "h1", "VM1")).get()
                .isEqualTo(new io.aisprint.model.PerformanceModel.QueueDemand("QTcloud", 0.0125));
        assertThat(system.application().lambda()).isEqualTo(0.25);
    }

    @Test
    void firstGenerationWithSeparateDagFile() {
        Path file = Anchors.require().resolve("space4ai-d/python_space4aid/ConfigFiles/OnlyEdge.json");
        SystemDescription system = SystemJsonReader.read(file);
        assertThat(system.application().dag().edges()).hasSize(4);
        assertThat(system.application().dag().outgoing("c4").get(0).probability()).isEqualTo(0.1);
        assertThat(system.application().component("c1").orElseThrow().deployments().get(0).partitions().get(0).dataSizes())
                .containsExactly(4.0);
    }
}
