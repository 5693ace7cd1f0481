package io.aisprint.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.cluster.ClusterWorker;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.runtime.NodeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiling on real workers: a Raspberry Pi stand-in (speed 0.1) and a VM worker, in this JVM. */
class ProfilerTest {
    private static final int PORT = io.aisprint.testsupport.FreePorts.block();

    @TempDir
    Path dir;

    private static ClusterConfig config(String name, Map<String, String> labels) {
        return ClusterConfig.of(new NodeSpec(name, 1, 1024, 0, null, labels), ClusterConfig.loopback(PORT, 10))
                .withPorts(PORT, PORT + 100, 10).withJoinTimeout(Duration.ofSeconds(60));
    }

    @Test
    void measuresEveryPairThatHasAWorkerAndWritesTheDemandsKeepingTheFileValid() throws Exception {
        Path app = copy(Examples.directory("mask-detection"), dir.resolve("app"));
        SystemDescription system = SystemReaders.read(app);
        Profiler.Result result;
        try (ClusterWorker pi = ClusterWorker.start(config("pi", Map.of("resource", "RaspberryPi4", "speed", "0.1")));
                ClusterWorker vm = ClusterWorker.start(config("vm", Map.of("resource", "VM-t3xlarge")));
                ClusterDriver driver = ClusterDriver.start(config("profiler", Map.of()))) {
            driver.awaitWorkers(2, Duration.ofSeconds(60));
            result = Profiler.profile(system, 8, driver, 1);
        }
        // blurry-faces, mask-detector and its first partition on the Pi; mask-detector and its second partition on the VM.
        assertThat(result.measurements()).hasSize(5);
        assertThat(result.skipped()).hasSize(5).allMatch(s -> s.contains("JetsonNano") || s.contains("VM-g4dnxlarge"));
        Profiler.Measurement onPi = find(result, "mask-detector", "base", "RaspberryPi4");
        Profiler.Measurement onVm = find(result, "mask-detector", "base", "VM-t3xlarge");
        assertThat(onPi.worker()).isEqualTo("pi");
        assertThat(onVm.measured()).isPositive();
        // The same real work, held ten times as long on the stand-in for the slower device.
        assertThat(onPi.measured()).isGreaterThan(3 * onVm.measured());

        int changed = Profiler.write(app, result);
        assertThat(changed).isEqualTo(5);
        String text = Files.readString(app.resolve("common_config/performance.yaml"));
        assertThat(text).contains("# profiled", "# Performance declarations");
        PerformanceModel model = SystemReaders.read(app).performance().model("mask-detector", "base", "RaspberryPi4").orElseThrow();
        assertThat(((PerformanceModel.QueueDemand) model).demand()).isCloseTo(onPi.measured(),
                org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    @Test
    void aNewApplicationWithoutPerformanceDataGetsItsFileWrittenFromTheMeasurements() throws Exception {
        Path app = copy(Examples.directory("mask-detection"), dir.resolve("new-app"));
        Files.delete(app.resolve("common_config/performance.yaml"));
        SystemDescription system = SystemReaders.read(app);
        assertThat(system.performance().models()).isEmpty();
        Profiler.Result result;
        try (ClusterWorker vm = ClusterWorker.start(config("vm-new", Map.of("resource", "VM-t3xlarge")));
                ClusterDriver driver = ClusterDriver.start(config("profiler-new", Map.of()))) {
            driver.awaitWorkers(1, Duration.ofSeconds(60));
            result = Profiler.profile(system, 4, driver, 1);
        }
        assertThat(result.measurements()).isNotEmpty().allMatch(m -> m.resource().equals("VM-t3xlarge"));

        int written = Profiler.write(app, result);

        assertThat(written).isEqualTo(result.measurements().size());
        SystemDescription profiled = SystemReaders.read(app);
        for (Profiler.Measurement m : result.measurements()) {
            PerformanceModel model = profiled.performance().model(m.component(), m.partition(), m.resource()).orElseThrow();
            assertThat(((PerformanceModel.QueueDemand) model).demand()).isCloseTo(m.measured(), org.assertj.core.data.Percentage.withPercentage(0.1));
        }
        assertThat(Files.readString(app.resolve("common_config/performance.yaml"))).contains("measured by `aisprint profile`", "# profiled");
    }

    @Test
    void linesAreAddedUnderTheirPartitionKeepingEverythingElse() {
        io.aisprint.platform.internal.PerformanceLines lines = new io.aisprint.platform.internal.PerformanceLines(java.util.List.of(
            "# keep me", "lambda: 2", "components:", "  a:", "    base:", "      data_size: 0.3", "      resources:",
            "        pi: {model: QTedge, demand: 0.1}", "  b:", "    base:", "      resources:", "        vm: {model: QTcloud, demand: 0.2}"));
        lines.add("a", "base", "vm", "{model: QTcloud, demand: 0.05}");
        lines.add("b", "partition1_1", "pi", "{model: QTedge, demand: 0.3}");
        lines.add("c", "base", "vm", "{model: QTcloud, demand: 0.4}");
        assertThat(lines.lines()).containsExactly("# keep me", "lambda: 2", "components:", "  a:", "    base:", "      data_size: 0.3",
            "      resources:", "        pi: {model: QTedge, demand: 0.1}", "        vm: {model: QTcloud, demand: 0.05}  # profiled",
            "  b:", "    base:", "      resources:", "        vm: {model: QTcloud, demand: 0.2}", "    partition1_1:", "      resources:",
            "        pi: {model: QTedge, demand: 0.3}  # profiled", "  c:", "    base:", "      resources:",
            "        vm: {model: QTcloud, demand: 0.4}  # profiled");
    }

    private static Profiler.Measurement find(Profiler.Result result, String component, String partition, String resource) {
        return result.measurements().stream().filter(m -> m.component().equals(component) && m.partition().equals(partition)
                && m.resource().equals(resource)).findFirst().orElseThrow();
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
