package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.testsupport.Anchors;
import io.aisprint.model.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read(write(x)) equals x, for system files of every format generation and for application directories. */
class SystemJsonRoundTripTest {

    static void assertSameSystem(SystemDescription expected, SystemDescription actual, String what) {
        assertThat(actual.application().components()).as(what).isEqualTo(expected.application().components());
        assertThat(actual.application().dag().nodes()).as(what).isEqualTo(expected.application().dag().nodes());
        assertThat(new HashSet<>(actual.application().dag().edges())).as(what)
                .isEqualTo(new HashSet<>(expected.application().dag().edges()));
        assertThat(actual.application().localConstraints()).as(what)
                .containsExactlyInAnyOrderElementsOf(expected.application().localConstraints());
        assertThat(actual.application().globalConstraints()).as(what)
                .containsExactlyInAnyOrderElementsOf(expected.application().globalConstraints());
        assertThat(actual.application().lambda()).as(what).isEqualTo(expected.application().lambda());
        assertThat(actual.application().time()).as(what).isEqualTo(expected.application().time());
        assertThat(actual.continuum()).as(what).isEqualTo(expected.continuum());
        assertThat(actual.performance()).as(what).isEqualTo(expected.performance());
    }

    private static SystemDescription roundTrip(SystemDescription system, Path file) {
        SystemJsonWriter.write(system, file);
        return SystemJsonReader.read(file);
    }

    @Test
    void anchorSystemFilesSurviveWriteThenRead(@TempDir Path temp) throws IOException {
        Path root = Anchors.require().resolve("space4ai-d");
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("cpp_dt_general_workflows/Light/05c", "legacy_largescale/7-components",
                "running_example", "python_space4aid/ConfigFiles", "aisprint_studio", "s4air_optimizer")) {
            try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
                walk.filter(p -> p.toString().endsWith(".json"))
                        .filter(p -> p.getFileName().toString().matches("(?i)(system_?description.*|SystemFile|OnlyEdge|OnlyCloud|RG-.*)\\.json"))
                        .forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(30);
        for (Path file : files) {
            SystemDescription original = SystemJsonReader.read(file);
            assertSameSystem(original, roundTrip(original, temp.resolve("system.json")), file.toString());
        }
    }

    @Test
    void applicationDirectoriesWithPerformanceSurviveAsJson(@TempDir Path temp) {
        List<Path> apps = new ArrayList<>();
        Anchors.find().ifPresent(a -> apps.add(a.resolve("aisprint-apps/studio-mask_detection_3_components_4CL")));
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples/mask-detection"))) {
                apps.add(dir.resolve("examples/mask-detection"));
                apps.add(dir.resolve("examples/wind-turbine-inspection"));
                break;
            }
        }
        assertThat(apps).hasSizeGreaterThanOrEqualTo(2);
        for (Path app : apps) {
            SystemDescription original = SystemReaders.read(app);
            assertSameSystem(original, roundTrip(original, temp.resolve("app.json")), app.toString());
        }
    }
}
