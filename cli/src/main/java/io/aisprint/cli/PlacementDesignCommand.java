package io.aisprint.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.placement.DeploymentFiles;
import io.aisprint.placement.DesignOptions;
import io.aisprint.placement.DesignResult;
import io.aisprint.placement.Designer;
import io.aisprint.placement.MaximumLoad;
import io.aisprint.placement.PlacementException;
import io.aisprint.placement.SearchMethod;
import io.aisprint.placement.Semantics;
import io.aisprint.model.ModelException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint design}: the cheapest placement that meets every limit (SPACE4AI-D). */
@Command(
        name = "design",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Find the cheapest placement of an application on the continuum: one deployment per",
            "component, a resource for every partition and the size of every edge/VM cluster, such",
            "that memory, utilisation, one-type-per-layer, no-move-back and every local/global",
            "response-time limit hold at the load λ.",
            "",
            "The search starts with random greedy and improves its best placements with local",
            "search, tabu search or simulated annealing. With --method auto (default) or exact,",
            "branch and bound runs on one thread beside them and, when it finishes in time,",
            "proves the placement optimal; otherwise it reports a lower bound.",
            "",
            "Examples:",
            "  aisprint design examples/mask-detection",
            "  aisprint design system.json --lambda 1.8 --time-limit 5 --out result/",
            "  aisprint design system.json --max-load",
            "",
        },
        footer = {"", "Exit codes: 0 feasible placement found, 1 infeasible or invalid input, 2 unreadable input or usage."})
public final class PlacementDesignCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "an AI-SPRINT application directory or a SPACE4AI-D system JSON")
    Path path;

    @Option(names = "--lambda", paramLabel = "L", description = "load in requests per second (default: the system's)")
    Double lambda;

    @Option(names = "--time-limit", paramLabel = "S", description = "search time in seconds (default: ${DEFAULT-VALUE})",
            defaultValue = "10")
    double timeLimit;

    @Option(names = "--iterations", paramLabel = "N",
            description = "step budget per thread instead of (or with) the time limit; reproducible with --seed")
    Long iterations;

    @Option(names = "--seed", paramLabel = "K", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--method", paramLabel = "M", defaultValue = "auto",
            description = "rg, ls, tabu, sa, exact or auto (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--semantics", paramLabel = "cpp|python", defaultValue = "cpp",
            description = "where the reference tools differ, follow the C++ (default) or the Python one")
    String semantics;

    @Option(names = "--out", paramLabel = "DIR", description = "write solution.json and production_deployment.yaml here")
    Path out;

    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;

    @Option(names = "--max-load", description = "also find the maximum sustainable λ of the best placement")
    boolean maxLoad;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        SystemDescription system = PlacementReport.readSystem(path);
        if (lambda != null) {
            if (!(lambda >= 0) || lambda.isInfinite()) {
                throw new UserFacingException("--lambda must be a non-negative number of requests per second, got " + lambda,
                        ExitCodes.USAGE);
            }
            system = system.withLambda(lambda);
        }
        DesignOptions options = options(stderr);
        DesignResult result;
        try {
            result = Designer.create().design(system, options);
        } catch (PlacementException | ModelException e) {
            throw PlacementReport.userError(e);
        }
        if (progressShown) {
            stderr.print("\r" + " ".repeat(70) + "\r");
            stderr.flush();
        }
        MaximumLoad.Result load = null;
        if (maxLoad && result.best().isPresent()) {
            load = MaximumLoad.of(system, result.best().get(), options.semantics(), 1e-4);
        }
        if (out != null) {
            try {
                if (result.best().isPresent()) {
                    DeploymentFiles.write(system, result.best().get(), out, io.aisprint.model.io.ContainerImages.read(path));
                } else {
                    // As the C++ tool: an infeasible result is {"Lambda": λ, "feasible": false}.
                    io.aisprint.model.io.SolutionJsonWriter.write(system, new Placement(system.application().lambda(),
                            java.util.List.of(), java.util.Map.of(), java.util.List.of(), Double.NaN, false),
                            out.resolve(DeploymentFiles.SOLUTION));
                }
            } catch (PlacementException | ModelException e) {
                throw new UserFacingException(e.getMessage(), ExitCodes.USAGE);
            }
        }
        if (json) {
            stdout.println(PlacementReport.write(toJson(result, load)));
        } else {
            printHuman(stdout, system, result, load);
        }
        stdout.flush();
        return result.best().isPresent() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private boolean progressShown;

    private DesignOptions options(PrintWriter stderr) {
        SearchMethod searchMethod;
        Semantics chosen;
        try {
            searchMethod = SearchMethod.parse(method);
        } catch (PlacementException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.USAGE);
        }
        chosen = switch (semantics.toLowerCase(Locale.ROOT)) {
            case "cpp", "c++" -> Semantics.cpp();
            case "python", "py" -> Semantics.python();
            default -> throw new UserFacingException("--semantics must be cpp or python, got '" + semantics + "'",
                    ExitCodes.USAGE);
        };
        if (!(timeLimit > 0)) {
            throw new UserFacingException("--time-limit must be a positive number of seconds, got " + timeLimit, ExitCodes.USAGE);
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1 || (iterations != null && iterations < 1)) {
            throw new UserFacingException("--threads and --iterations must be at least 1", ExitCodes.USAGE);
        }
        DesignOptions options = DesignOptions.defaults()
                .withMethod(searchMethod)
                .withSeed(seed)
                .withThreads(threadCount)
                .withSemantics(chosen)
                .withIterations(iterations == null ? 0 : iterations)
                .withTimeLimit(iterations != null && !spec.commandLine().getParseResult().hasMatchedOption("--time-limit")
                        ? null : Duration.ofMillis((long) (timeLimit * 1000)));
        if (!json && System.console() != null) {
            long start = System.nanoTime();
            double total = timeLimit;
            options = options.withProgress(cost -> {
                synchronized (this) {
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    int width = 30;
                    int filled = (int) Math.min(width, Math.round(width * elapsed / total));
                    stderr.printf(Locale.ROOT, "\r[%s%s] %5.1f s  best cost %.6f", "#".repeat(filled),
                            " ".repeat(width - filled), elapsed, cost);
                    stderr.flush();
                    progressShown = true;
                }
            });
        }
        return options;
    }

    private void printHuman(PrintWriter text, SystemDescription system, DesignResult result, MaximumLoad.Result load) {
        var stats = result.statistics();
        PrintWriter out = text;
        out.printf(Locale.ROOT, "%s at λ = %s req/s — method %s, %d thread(s), %.2f s%n", system.application().name(),
                system.application().lambda(), stats.method().name().toLowerCase(Locale.ROOT), stats.threads(),
                stats.elapsedSeconds());
        if (result.best().isEmpty()) {
            out.println(result.provedOptimal() ? "INFEASIBLE (proved: no placement meets every limit)"
                    : "no feasible placement found. Why:");
            result.explanation().forEach(reason -> out.println("  - " + reason));
            return;
        }
        Placement best = result.best().get();
        out.println();
        PlacementReport.printTable(out, system, best);
        if (result.provedOptimal()) {
            out.println("proved optimal (branch and bound finished)");
        } else if (!Double.isNaN(result.lowerBound())) {
            out.printf(Locale.ROOT, "not proved optimal; optimum ≥ %.6f (gap %.2f %%)%n", result.lowerBound(),
                    100 * (best.totalCost() - result.lowerBound()) / best.totalCost());
        }
        if (load != null) {
            out.printf(Locale.ROOT, "maximum sustainable λ for this placement (clusters at their largest): %.4f req/s%n",
                    load.lambda());
        }
        if (this.out != null && result.best().isPresent()) {
            out.println("wrote " + this.out.resolve(DeploymentFiles.SOLUTION) + " and "
                    + this.out.resolve(DeploymentFiles.PRODUCTION_DEPLOYMENT));
        }
    }

    private ObjectNode toJson(DesignResult result, MaximumLoad.Result load) {
        return io.aisprint.server.DesignJson.design(result, load);
    }
}
