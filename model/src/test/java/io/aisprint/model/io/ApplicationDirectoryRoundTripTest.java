package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.testsupport.Examples;
import io.aisprint.testsupport.Anchors;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.SystemSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationDirectoryRoundTripTest {

    @Test
    void applicationDirectoriesReadBackEqual(@TempDir Path temp) throws IOException {
        List<Path> apps = new ArrayList<>(List.of(Examples.require("mask-detection"), Examples.require("wind-turbine-inspection")));
        Anchors.find().ifPresent(anchors -> {
            try (Stream<Path> list = Files.list(anchors.resolve("aisprint-apps"))) {
                list.filter(p -> Files.isRegularFile(p.resolve(ApplicationDirectoryReader.DAG_FILE))).sorted().forEach(apps::add);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        int index = 0;
        for (Path app : apps) {
            SystemDescription original = SystemReaders.read(app);
            Path copy = temp.resolve("app" + index++);
            ApplicationDirectoryWriter.write(original, copy);
            SystemDescription again = SystemReaders.read(copy);
            SystemJsonRoundTripTest.assertSameSystem(original, again, app.toString());
            assertThat(again.application().name()).isEqualTo(original.application().name());
        }
    }

    @Test
    void systemFilesBecomeApplicationDirectoriesWithTheSameContent(@TempDir Path temp) throws IOException {
        Path root = Anchors.require().resolve("space4ai-d");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root.resolve("cpp_dt_general_workflows/Light"))) {
            walk.filter(p -> p.getFileName().toString().equals("system_description.json")).sorted().limit(12).forEach(files::add);
        }
        files.add(root.resolve("running_example/system_description_scenario1.json"));
        files.add(root.resolve("python_space4aid/ConfigFiles/system_description.json"));
        files.add(root.resolve("legacy_largescale/5-components/instance1/system_description1.json"));
        int index = 0;
        for (Path file : files) {
            SystemDescription original = SystemJsonReader.read(file);
            Path directory = temp.resolve("system" + index++);
            ApplicationDirectoryWriter.write(original, directory);
            SystemDescription converted = SystemReaders.read(directory);
            SystemSummary before = SystemSummary.of(original);
            SystemSummary after = SystemSummary.of(converted);
            assertThat(after.components()).as(file.toString()).isEqualTo(before.components());
            assertThat(after.deployments()).as(file.toString()).isEqualTo(before.deployments());
            assertThat(after.partitions()).as(file.toString()).isEqualTo(before.partitions());
            assertThat(after.dagEdges()).as(file.toString()).isEqualTo(before.dagEdges());
            assertThat(after.compatiblePairs()).as(file.toString()).isEqualTo(before.compatiblePairs());
            assertThat(after.performanceDeclared()).as(file.toString()).isEqualTo(before.performanceDeclared());
            assertThat(converted.continuum().layers()).as(file.toString()).isEqualTo(original.continuum().layers());
            assertThat(converted.application().lambda()).isEqualTo(original.application().lambda());
            assertThat(converted.application().localConstraints())
                    .containsExactlyInAnyOrderElementsOf(original.application().localConstraints());
            // converting again changes nothing more
            Path again = temp.resolve("again" + index);
            ApplicationDirectoryWriter.write(converted, again);
            SystemJsonRoundTripTest.assertSameSystem(converted, SystemReaders.read(again), file.toString());
        }
    }
}
