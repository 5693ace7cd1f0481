package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.testsupport.Anchors;
import io.aisprint.model.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SystemJsonReaderAnchorTest {

    @Test
    void readsAllEightyDesignTimeInstances() throws IOException {
        Path root = Anchors.require().resolve("space4ai-d/cpp_dt_general_workflows");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().equals("system_description.json")).sorted().toList();
        }
        assertThat(files).hasSize(80);
        for (Path file : files) {
            SystemDescription system = SystemJsonReader.read(file);
            assertThat(system.application().components()).as(file.toString()).isNotEmpty();
            assertThat(system.application().dag().topologicalOrder()).as(file.toString()).isPresent();
            assertThat(system.continuum().resources()).as(file.toString()).isNotEmpty();
            system.application().components().forEach(c -> c.deployments().forEach(d -> d.partitions().forEach(p ->
                    p.memoryByResource().keySet().forEach(r -> assertThat(system.performance().model(c.name(), p.name(), r))
                            .as("%s %s %s %s", file, c.name(), p.name(), r).isPresent()))));
        }
    }
}
