package io.aisprint.platform;

import io.aisprint.model.Component;
import io.aisprint.model.Deployment;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.ApplicationDirectoryReader;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.platform.examples.ExampleCode;
import io.aisprint.platform.examples.PartitionCode;
import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code aisprint profile}: runs every partition on every resource kind it may use, as a node of the
 * embedded continuum with that resource's cores, one request at a time, and measures its mean
 * service time (the real code plus the emulated device time). The measured demands replace the
 * declared ones in the application's {@code performance.yaml}, so the designer uses measured numbers.
 *
 * <p>The embedded continuum emulates a device from its declared demand, so a pair without a
 * declaration cannot be profiled here (it is reported, not invented).
 */
public final class Profiler {
    private static final int WARM_UP_RUNS = 50;

    private Profiler() {
    }

    /** One measured (component, partition, resource) pair; times in application seconds. */
    public record Measurement(String component, String partition, String resource, String model, double declared,
            double measured, double halfWidth95, int runs) {
    }

    /** What profiling found. {@code skipped} lists pairs that have no declaration to emulate. */
    public record Result(List<Measurement> measurements, List<String> skipped) {
        public Result {
            measurements = List.copyOf(measurements);
            skipped = List.copyOf(skipped);
        }
    }

    /** Measures every pair of {@code system} with {@code runs} sequential requests at {@code timeScale}. */
    public static Result profile(SystemDescription system, int runs, double timeScale, long seed) {
        if (runs < 2) {
            throw new PlatformException("profiling needs at least 2 runs per pair, got " + runs);
        }
        if (!(timeScale > 0)) {
            throw new PlatformException("the time scale must be positive, got " + timeScale);
        }
        List<Measurement> measurements = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Resource> resources = system.continuum().resourcesByName();
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("control", 1).withLabels(Map.of("role", "control"))).build()) {
            for (Component component : system.application().components()) {
                for (Deployment deployment : component.deployments()) {
                    List<Partition> partitions = deployment.partitions();
                    for (int index = 0; index < partitions.size(); index++) {
                        Partition partition = partitions.get(index);
                        PartitionCode code = ExampleCode.forPartition(component.name(), index, partitions.size(),
                                partition.earlyExitProbability());
                        PartitionCode previous = index == 0 ? null
                                : ExampleCode.forPartition(component.name(), index - 1, partitions.size(), 0);
                        for (String resourceName : partition.memoryByResource().keySet()) {
                            Resource resource = resources.get(resourceName);
                            var model = system.performance().model(component.name(), partition.name(), resourceName);
                            double declared = model.map(Profiler::declaredDemand).orElse(Double.NaN);
                            if (resource == null || Double.isNaN(declared)) {
                                skipped.add(component.name() + "/" + partition.name() + " on " + resourceName
                                        + (model.isPresent() ? " (regression model: no demand to emulate)" : " (no declaration)"));
                                continue;
                            }
                            measurements.add(measure(runtime, component.name(), partition.name(), resource, model.get().keyword(),
                                    code, previous, declared, runs, timeScale, seed));
                        }
                    }
                }
            }
        }
        return new Result(measurements, skipped);
    }

    private static double declaredDemand(PerformanceModel model) {
        if (model instanceof PerformanceModel.QueueDemand queue) {
            return queue.demand();
        }
        if (model instanceof PerformanceModel.FaasDemand faas) {
            return faas.demandWarm();
        }
        return Double.NaN;
    }

    private static Measurement measure(TaskRuntime runtime, String component, String partition, Resource resource, String keyword,
            PartitionCode code, PartitionCode previous, double declared, int runs, double timeScale, long seed) {
        int cores = resource instanceof NodeResource node ? Math.max(1, node.cores()) : 1;
        String nodeName = "profile-" + resource.name();
        runtime.addNode(new NodeSpec(nodeName, cores, (long) Math.max(1, resource.memory()), 0, null, Map.of("node", nodeName)));
        try {
            Random random = new Random(seed);
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                Object input = ExampleCode.newRequestInput(random);
                code.run(previous == null ? input : previous.run(input).output());
            }
            double[] samples = new double[runs];
            for (int run = 0; run < runs; run++) {
                Object frame = ExampleCode.newRequestInput(random);
                Object input = previous == null ? frame : previous.run(frame).output();
                SplittableRandom draw = new SplittableRandom(seed * 1_000_003L + (component + partition + resource.name()).hashCode() * 31L + run);
                long nanos = runtime.task(component + "/" + partition + "@" + resource.name())
                        .constraints(Constraints.of().withCores(cores).withLabel("node", nodeName))
                        .call(context -> serve(code, input, declared, timeScale, draw)).get();
                samples[run] = nanos / 1e9 / timeScale;
            }
            double mean = 0;
            for (double sample : samples) {
                mean += sample;
            }
            mean /= runs;
            double variance = 0;
            for (double sample : samples) {
                variance += (sample - mean) * (sample - mean);
            }
            variance /= runs - 1;
            return new Measurement(component, partition, resource.name(), keyword, declared, mean,
                    1.96 * Math.sqrt(variance / runs), runs);
        } finally {
            runtime.removeNode(nodeName);
        }
    }

    /** The same service as the embedded continuum: the real code, then the device's remaining time. */
    private static long serve(PartitionCode code, Object input, double mean, double timeScale, SplittableRandom draw) {
        long start = System.nanoTime();
        code.run(input);
        double seconds = 0;
        for (int k = 0; k < 4; k++) {
            seconds += -Math.log(1 - draw.nextDouble());
        }
        long until = start + (long) (seconds * mean / 4 * timeScale * 1e9);
        long now;
        while ((now = System.nanoTime()) < until) {
            LockSupport.parkNanos(until - now);
        }
        return System.nanoTime() - start;
    }

    private static final Pattern ENTRY = Pattern.compile("^(\\s+)([^\\s:#][^:#]*):\\s*\\{(.*)}\\s*(#.*)?$");
    private static final Pattern KEY = Pattern.compile("^(\\s*)([^\\s:#][^:#]*):\\s*(#.*)?$");

    /**
     * Writes the measured demands into {@code directory}'s performance.yaml (comments and layout kept; each
     * changed line is marked {@code # profiled}); the file is re-read and validated before it replaces the old one.
     */
    public static int write(Path directory, Result result) {
        Path file = directory.resolve(ApplicationDirectoryReader.PERFORMANCE_FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new PlatformException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> updated = new ArrayList<>();
        String component = null;
        String partition = null;
        int componentIndent = -1;
        int changed = 0;
        for (String line : lines) {
            Matcher key = KEY.matcher(line);
            Matcher entry = ENTRY.matcher(line);
            if (key.matches()) {
                int indent = key.group(1).length();
                String name = key.group(2).strip();
                if (name.equals("components")) {
                    componentIndent = indent + 2;
                } else if (indent == componentIndent) {
                    component = name;
                    partition = null;
                } else if (indent == componentIndent + 2) {
                    partition = name;
                }
            } else if (entry.matches() && component != null && partition != null) {
                String resource = entry.group(2).strip();
                for (Measurement measurement : result.measurements()) {
                    if (measurement.component().equals(component) && measurement.partition().equals(partition)
                            && measurement.resource().equals(resource)) {
                        String field = measurement.model().equals("PACSLTK") || measurement.model().startsWith("PACS")
                                ? "demandWarm" : "demand";
                        String body = entry.group(3).replaceAll("\\b" + field + ":\\s*[-0-9.eE+]+",
                                field + ": " + String.format(Locale.ROOT, "%.4g", measurement.measured()));
                        line = entry.group(1) + resource + ": {" + body + "}  # profiled";
                        changed++;
                    }
                }
            }
            updated.add(line);
        }
        try {
            Path temp = Files.createTempFile(file.getParent(), ".performance", ".yaml.tmp");
            Files.write(temp, updated);
            Path backup = Files.createTempFile(file.getParent(), ".performance", ".yaml.bak");
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try {
                SystemReaders.read(directory);
                Files.delete(backup);
            } catch (RuntimeException e) {
                Files.move(backup, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                throw new PlatformException("the updated " + file + " did not validate, so it was left as it was: " + e.getMessage());
            }
        } catch (IOException e) {
            throw new PlatformException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return changed;
    }
}
