package io.aisprint.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.data.FashionMnist;
import io.aisprint.learn.nas.FrontFiles;
import io.aisprint.learn.nas.NasResult;
import io.aisprint.learn.nas.NasSearch;
import io.aisprint.learn.nas.NasSettings;
import io.aisprint.learn.nas.NasTargets;
import io.aisprint.model.Component;
import io.aisprint.model.Deployment;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.platform.Profiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aisprint learn nas}: the most accurate network that meets latency and memory limits on its targets. */
@Command(name = "nas", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = {
        "Neural architecture search under QoS limits (POPNAS-style, see docs/learn.md): cells of operator",
        "pairs grown one block at a time; a time predictor (aMLLibrary NNLS on profiled candidates) and an",
        "accuracy predictor (Ridge on trained ones) discard and rank children before any is trained. Every",
        "candidate is timed for real at batch 1 on this machine (a target's latency = this machine's / its",
        "--speed); the front's members are then trained on the whole training split and scored on the test",
        "set. Writes DIR/front.json, front.svg, front.html and DIR/models/m*/ (DJL weights + architecture.json).",
        "",
        "Examples:",
        "  aisprint learn nas --dataset fashion-mnist --target VM-t3xlarge --latency-limit 0.003 --budget-minutes 10",
        "  aisprint learn nas --target RaspberryPi4 --speed RaspberryPi4=0.25 --latency-limit 0.01 --strategy random",
        "  aisprint learn nas --app examples/mask-detection --component mask-detector --write-app --budget-minutes 10",
    })
final class LearnNasCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "The data set (default: ${DEFAULT-VALUE}; the only one so far).")
    String dataset;
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "/usr/share/datasets/fashion-mnist", description = "Fashion-MNIST IDX folder (default: ${DEFAULT-VALUE}).")
    Path data;
    @Option(names = "--target", split = ",", paramLabel = "RESOURCE", description = "Target resources (with --app: default all of the component's candidates).")
    List<String> targets = new ArrayList<>();
    @Option(names = "--speed", paramLabel = "RESOURCE=F", description = "A target's speed relative to this machine, like a worker's --speed (default 1).")
    Map<String, Double> speeds = new LinkedHashMap<>();
    @Option(names = "--latency-limit", paramLabel = "S", description = "Seconds per inference at batch 1 on every target (with --app: the component's response-time limit).")
    Double latencyLimit;
    @Option(names = "--memory-limit", paramLabel = "MB", description = "MB the model may need (default: none; with --app: the smallest target memory).")
    Double memoryLimit;
    @Option(names = "--budget-minutes", defaultValue = "10", description = "Wall-clock budget for search and final training (default: ${DEFAULT-VALUE}).")
    double budgetMinutes;
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "nas-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--app", paramLabel = "APP", description = "Read targets and limits from this application directory.")
    Path app;
    @Option(names = "--component", description = "The application component the network is for (with --app).")
    String component;
    @Option(names = "--write-app", description = "Write the most accurate front member into --app: its model under APP/nas/COMPONENT, its measured latency as the demand of the component's single-partition deployments on the targets.")
    boolean writeApp;
    @Option(names = "--strategy", defaultValue = "popnas", description = "popnas (predictors) or random (baseline) (default: ${DEFAULT-VALUE}).")
    String strategy;
    @Option(names = "--max-blocks", defaultValue = "3", description = "Largest cell, in blocks (default: ${DEFAULT-VALUE}).")
    int maxBlocks;
    @Option(names = "--children", defaultValue = "8", description = "Children trained per expansion step (default: ${DEFAULT-VALUE}).")
    int children;
    @Option(names = "--filters", defaultValue = "16", description = "Channels of the first motif (default: ${DEFAULT-VALUE}).")
    int filters;
    @Option(names = "--finalists", defaultValue = "3", description = "Front members trained in full (default: ${DEFAULT-VALUE}).")
    int finalists;
    @Option(names = "--final-epochs", defaultValue = "4", description = "Most epochs of a finalist's training, with early stopping (default: ${DEFAULT-VALUE}).")
    int finalEpochs;
    @Option(names = "--proxy-examples", defaultValue = "10000", description = "Training examples of a search candidate's one epoch (default: ${DEFAULT-VALUE}).")
    int proxyExamples;
    @Option(names = "--audit", defaultValue = "0", description = "Per step, time this many discarded children to measure the predictor's precision (default: ${DEFAULT-VALUE}).")
    int audit;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, the search and the weights (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--json", description = "Print front.json's content on stdout.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            NasSettings settings = settings();
            if (!dataset.equalsIgnoreCase("fashion-mnist")) {
                throw new LearnException(LearnErrorCode.INVALID_OPTION, "--dataset " + dataset + ": expected fashion-mnist.");
            }
            FashionMnist.Splits splits = FashionMnist.load(data);
            long start = System.nanoTime();
            NasResult result = new NasSearch(settings, System::nanoTime, line -> {
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                err.printf("[%d:%02d / %.0f:00] %s%n", seconds / 60, seconds % 60, budgetMinutes, line);
                err.flush();
            }).run(splits, out().toAbsolutePath());
            FrontFiles.write(result, out().toAbsolutePath());
            String written = writeApp ? writeApplication(result) : null;
            if (json) {
                ObjectNode node = FrontFiles.json(result);
                if (written != null) {
                    node.put("written_to_app", written);
                }
                out.println(node.toPrettyString());
            } else {
                printText(out, result, written);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (LearnException e) {
            throw LearnCommand.userError(e, json, out);
        }
    }

    private Path out() {
        return out;
    }

    private NasSettings settings() {
        List<String> names = new ArrayList<>();
        targets.forEach(t -> names.addAll(Arrays.asList(t.split(","))));
        double latency = latencyLimit == null ? Double.NaN : latencyLimit;
        double memory = memoryLimit == null ? Double.POSITIVE_INFINITY : memoryLimit;
        List<String> known = NasTargets.KNOWN;
        String where = "the bundled example continua (give --app to use an application's)";
        if (app != null) {
            if (component == null) {
                throw new LearnException(LearnErrorCode.INVALID_OPTION, "--app needs --component: the component the network is for.");
            }
            SystemDescription system = readApp();
            NasTargets.FromApplication fromApp = NasTargets.of(system, component);
            known = fromApp.targets();
            where = "component " + component + "'s candidate resources in " + app;
            if (names.isEmpty()) {
                names.addAll(fromApp.targets());
            }
            if (latencyLimit == null) {
                latency = fromApp.latencyLimit();
                if (Double.isNaN(latency)) {
                    throw new LearnException(LearnErrorCode.INVALID_OPTION, app + " has no local response-time constraint for " + component
                        + ": give --latency-limit.");
                }
            }
            if (memoryLimit == null) {
                memory = fromApp.memoryLimitMb();
            }
        } else if (writeApp) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--write-app needs --app and --component.");
        }
        if (names.isEmpty()) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--target: give at least one target resource (e.g. VM-t3xlarge), or --app.");
        }
        if (Double.isNaN(latency)) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--latency-limit: give the seconds per inference the targets must meet.");
        }
        List<String> checked = NasTargets.check(names, known, where);
        for (String resource : speeds.keySet()) {
            if (!checked.contains(resource)) {
                throw new LearnException(LearnErrorCode.INVALID_OPTION, "--speed " + resource + "=...: not one of the targets " + checked + ".");
            }
        }
        List<NasSettings.Target> list = checked.stream().map(name -> new NasSettings.Target(name, speeds.getOrDefault(name, 1.0))).toList();
        if (!(budgetMinutes > 0)) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--budget-minutes " + budgetMinutes + ": expected minutes > 0.");
        }
        NasSettings.Strategy chosen = switch (strategy.toLowerCase(Locale.ROOT)) {
            case "popnas" -> NasSettings.Strategy.POPNAS;
            case "random" -> NasSettings.Strategy.RANDOM;
            default -> throw new LearnException(LearnErrorCode.INVALID_OPTION, "--strategy " + strategy + ": expected popnas or random.");
        };
        return new NasSettings(list, latency, memory, Duration.ofMillis((long) (budgetMinutes * 60_000)), chosen, maxBlocks, children, filters,
            1, proxyExamples, 2_000, finalists, finalEpochs, 64, 0.55, audit, seed);
    }

    private SystemDescription readApp() {
        try {
            return SystemReaders.read(app);
        } catch (RuntimeException e) {
            throw new LearnException(LearnErrorCode.DATA_INVALID, "--app " + app + ": " + e.getMessage());
        }
    }

    /** Copies the best member's model into the application and writes its measured latencies as demands. */
    private String writeApplication(NasResult result) {
        NasResult.Member best = result.best();
        SystemDescription system = readApp();
        Path target = app.resolve("nas").resolve(component);
        try {
            Files.createDirectories(target.getParent());
            Path scratch = Files.createTempDirectory(target.getParent(), "." + component);
            try (var files = Files.list(best.model())) {
                for (Path file : files.toList()) {
                    Files.copy(file, scratch.resolve(file.getFileName()));
                }
            }
            if (Files.exists(target)) {
                try (var old = Files.walk(target)) {
                    for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.CHECKPOINT, "Cannot copy the model into " + target + ": " + e.getMessage());
        }
        Component chosen = system.application().component(component).orElseThrow();
        List<Profiler.Measurement> measurements = new ArrayList<>();
        for (Deployment deployment : chosen.deployments()) {
            if (deployment.partitions().size() != 1) {
                continue;
            }
            var partition = deployment.partitions().get(0);
            for (var entry : best.measuredLatency().entrySet()) {
                if (partition.isCompatibleWith(entry.getKey())) {
                    measurements.add(Profiler.external(system, component, partition.name(), entry.getKey(), "learn nas", entry.getValue()));
                }
            }
        }
        try {
            Profiler.write(app, new Profiler.Result(measurements, List.of()));
        } catch (RuntimeException e) {
            throw new LearnException(LearnErrorCode.DATA_INVALID, "--write-app: " + e.getMessage());
        }
        return target + " (" + measurements.size() + " demands in performance.yaml)";
    }

    private static void printText(PrintWriter out, NasResult result, String written) {
        out.printf(Locale.ROOT, "Front (%s search, %d profiled, %d trained, %d discarded by the predictors):%n", result.statistics().strategy(),
            result.statistics().profiled(), result.statistics().trained(), result.statistics().discardedByPrediction());
        TextTable table = new TextTable("cell", "test accuracy>", "predicted ms>", "measured ms>", "memory MB>", "parameters>", "model");
        for (NasResult.Member m : result.front()) {
            table.row(null, m.cell(), String.format(Locale.ROOT, "%.4f", m.accuracy()), String.format(Locale.ROOT, "%.3f", m.worstPredicted() * 1e3),
                String.format(Locale.ROOT, "%.3f", m.worstMeasured() * 1e3), String.format(Locale.ROOT, "%.3f", m.memoryMb()), "" + m.parameters(),
                String.valueOf(m.model()));
        }
        table.print(out);
        out.printf(Locale.ROOT, "time predictor MAPE on unseen children %.1f %%; hypervolume %.6f; %.0f s%n",
            result.statistics().timePredictorMape() * 100, result.statistics().hypervolume(), result.statistics().totalSeconds());
        if (written != null) {
            out.println("written into the application: " + written);
        }
    }
}
