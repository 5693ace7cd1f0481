package io.aisprint.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.model.PerformanceModel;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {

    @TempDir
    Path dir;

    @Test
    void measuresEveryDeclaredPairAndWritesTheDemandsKeepingTheFileValid() throws Exception {
        Path app = copy(Examples.directory("mask-detection"), dir.resolve("app"));
        SystemDescription system = SystemReaders.read(app);
        Profiler.Result result = Profiler.profile(system, 6, 0.1, 1);
        assertThat(result.measurements()).hasSize(10);
        assertThat(result.skipped()).isEmpty();
        for (Profiler.Measurement m : result.measurements()) {
            // Measured: at least the real code's time, around the emulated device's mean (Gamma draws vary).
            assertThat(m.measured()).as(m.toString()).isBetween(m.declared() * 0.3, m.declared() * 3 + 0.05);
        }
        int changed = Profiler.write(app, result);
        assertThat(changed).isEqualTo(10);
        String text = Files.readString(app.resolve("common_config/performance.yaml"));
        assertThat(text).contains("# profiled", "# Performance declarations");
        SystemDescription reread = SystemReaders.read(app);
        Profiler.Measurement first = result.measurements().get(0);
        PerformanceModel model = reread.performance().model(first.component(), first.partition(), first.resource()).orElseThrow();
        assertThat(((PerformanceModel.QueueDemand) model).demand()).isCloseTo(first.measured(),
                org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    private static Path copy(Path source, Path target) throws Exception {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
        return target;
    }
}
