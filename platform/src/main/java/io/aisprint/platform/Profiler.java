package io.aisprint.platform;

import io.aisprint.cluster.ClusterDriver;
import io.aisprint.model.Component;
import io.aisprint.model.Deployment;
import io.aisprint.model.Partition;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.ApplicationDirectoryReader;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.platform.examples.ExampleCode;
import io.aisprint.platform.examples.PartitionCode;
import io.aisprint.platform.internal.WorkerSampler;
import io.aisprint.runtime.NodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code aisprint profile}: runs every partition on every resource kind it may use, on a cluster
 * worker labelled with that resource, one request at a time, and takes the service times the worker
 * measured (the partition's real code, plus the worker's emulated slowness when it stands in for a
 * slower device with {@code --speed}). The measured means replace the declared demands in the
 * application's {@code performance.yaml}, so the designer uses measured numbers.
 *
 * <p>A pair whose resource has no live worker is reported as skipped, never invented.
 */
public final class Profiler {
    private static final int WARM_UP_RUNS = 20;

    private Profiler() {
    }

    /** One measured (component, partition, resource) pair; times in seconds; {@code declared} is NaN without a declaration. */
    public record Measurement(String component, String partition, String resource, String worker, String model,
            double declared, double measured, double halfWidth95, int runs) {
    }

    /** What profiling found. {@code skipped} lists pairs that had no live worker to run on. */
    public record Result(List<Measurement> measurements, List<String> skipped) {
        public Result {
            measurements = List.copyOf(measurements);
            skipped = List.copyOf(skipped);
        }
    }

    /** Measures every pair of {@code system} that has a live worker, with {@code runs} sequential requests each. */
    public static Result profile(SystemDescription system, int runs, ClusterDriver driver, long seed) {
        if (runs < 2) {
            throw new PlatformException("profiling needs at least 2 runs per pair, got " + runs);
        }
        Map<String, List<String>> workers = new TreeMap<>();
        for (NodeSpec worker : driver.workers()) {
            String resource = worker.labels().get("resource");
            if (resource != null) {
                workers.computeIfAbsent(resource, key -> new ArrayList<>()).add(worker.name());
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (WorkerSampler sampler = new WorkerSampler(driver)) {
            for (Component component : system.application().components()) {
                for (Deployment deployment : component.deployments()) {
                    List<Partition> partitions = deployment.partitions();
                    for (int index = 0; index < partitions.size(); index++) {
                        Partition partition = partitions.get(index);
                        // The partition's input is what the one before it produces; computed here, sent with the request.
                        PartitionCode previous = index == 0 ? null
                                : ExampleCode.forPartition(component.name(), index - 1, partitions.size(), 0);
                        for (String resource : partition.memoryByResource().keySet()) {
                            List<String> candidates = workers.getOrDefault(resource, List.of());
                            if (candidates.isEmpty()) {
                                skipped.add(component.name() + "/" + partition.name() + " on " + resource
                                        + " (no live worker labelled resource=" + resource + ")");
                                continue;
                            }
                            Random random = new Random(seed);
                            Supplier<Object> inputs = () -> {
                                Object frame = ExampleCode.newRequestInput(random);
                                return previous == null ? frame : previous.run(frame).output();
                            };
                            long outputBytes = (long) (partition.dataSizes().stream().mapToDouble(Double::doubleValue).max()
                                    .orElse(0) * 1_000_000);
                            double[] samples = sampler.serviceSeconds(candidates.get(0), component.name(), index,
                                    partitions.size(), partition.earlyExitProbability(), outputBytes, inputs, WARM_UP_RUNS, runs);
                            var model = system.performance().model(component.name(), partition.name(), resource);
                            measurements.add(measurement(component.name(), partition.name(), resource, candidates.get(0),
                                    model.map(PerformanceModel::keyword).orElse(defaultModel(system, resource)),
                                    model.map(Profiler::declaredDemand).orElse(Double.NaN), samples));
                        }
                    }
                }
            }
        }
        return new Result(measurements, skipped);
    }

    /**
     * A demand measured elsewhere (by {@code learn nas} for a searched model) as a measurement of one
     * pair, with the pair's declared model kind and demand when the file has them.
     */
    public static Measurement external(SystemDescription system, String component, String partition, String resource, String source,
            double seconds) {
        var model = system.performance().model(component, partition, resource);
        return new Measurement(component, partition, resource, source, model.map(PerformanceModel::keyword).orElse(defaultModel(system, resource)),
                model.map(Profiler::declaredDemand).orElse(Double.NaN), seconds, 0, 1);
    }

    private static String defaultModel(SystemDescription system, String resource) {
        Resource known = system.continuum().resourcesByName().get(resource);
        if (known != null && known.kind() == io.aisprint.model.ResourceKind.FAAS) {
            return "PACSLTK";
        }
        return known != null && known.kind() == io.aisprint.model.ResourceKind.EDGE ? "QTedge" : "QTcloud";
    }

    private static Measurement measurement(String component, String partition, String resource, String worker, String keyword,
            double declared, double[] samples) {
        double mean = 0;
        for (double sample : samples) {
            mean += sample;
        }
        mean /= samples.length;
        double variance = 0;
        for (double sample : samples) {
            variance += (sample - mean) * (sample - mean);
        }
        variance /= samples.length - 1;
        return new Measurement(component, partition, resource, worker, keyword, declared, mean,
                1.96 * Math.sqrt(variance / samples.length), samples.length);
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
            // A new application has no performance data yet: profiling it writes the file's first lines.
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of(
                "# Performance declarations measured by `aisprint profile` (mean service demand in seconds of one",
                "# request on one instance, on workers labelled resource=R; see docs/model.md).");
        } catch (IOException e) {
            throw new PlatformException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> updated = new ArrayList<>();
        java.util.Set<Measurement> written = new java.util.HashSet<>();
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
                        written.add(measurement);
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
        // Pairs the file did not declare yet (a new application, or a resource added since) are added.
        io.aisprint.platform.internal.PerformanceLines additions = new io.aisprint.platform.internal.PerformanceLines(updated);
        for (Measurement measurement : result.measurements()) {
            if (!written.contains(measurement)) {
                // A cold start is not measured here: a new FaaS entry starts with the warm time for both,
                // and says so, so that the user sets demandCold from the platform's own numbers.
                additions.add(measurement.component(), measurement.partition(), measurement.resource(), measurement.model().startsWith("PACS")
                    ? String.format(Locale.ROOT, "{model: %s, demandWarm: %.4g, demandCold: %.4g}  # cold start not measured; set demandCold",
                        measurement.model(), measurement.measured(), measurement.measured())
                    : String.format(Locale.ROOT, "{model: %s, demand: %.4g}", measurement.model(), measurement.measured()));
                changed++;
            }
        }
        updated = additions.lines();
        try {
            Files.createDirectories(file.getParent());
            boolean existed = Files.exists(file);
            Path backup = Files.createTempFile(file.getParent(), ".performance", ".yaml.bak");
            if (existed) {
                Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
            }
            // Not a renamed temporary file: that would leave performance.yaml readable by its owner only.
            io.aisprint.model.io.AtomicFiles.writeOrThrow(file, String.join(System.lineSeparator(), updated) + System.lineSeparator());
            try {
                SystemReaders.read(directory);
                Files.delete(backup);
            } catch (RuntimeException e) {
                if (existed) {
                    Files.move(backup, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.delete(file);
                    Files.delete(backup);
                }
                throw new PlatformException("the updated " + file + " did not validate, so it was left as it was: " + e.getMessage());
            }
        } catch (IOException e) {
            throw new PlatformException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return changed;
    }
}
