package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.model.ModelException;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.platform.PlatformException;
import io.aisprint.platform.Profiler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint profile APP}: measure every partition on every resource kind and write the demands. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = {
        "Measure the service demand of every partition on every resource kind it may use, and write",
        "the measured means into APP/common_config/performance.yaml so the design uses measured numbers.",
        "",
        "Each (partition, resource) pair runs on a cluster worker labelled resource=R ('aisprint worker",
        "--labels resource=R', with --speed F when a fast machine stands in for a slower device), one",
        "request at a time; the service times are measured on the worker. Pairs whose resource has",
        "no live worker are listed as skipped; nothing is invented from the declared demands.",
        "Changed lines keep their layout and get a '# profiled' comment; the file is validated",
        "before it replaces the old one.",
    },
    footer = {
        "",
        "Examples:",
        "  aisprint profile examples/mask-detection --join 127.0.0.1:47500..47509 --dry-run",
        "  aisprint profile examples/mask-detection --join 10.0.0.5:47500 --runs 50",
        "",
        "Exit codes: 0 profiled, 1 invalid application or nothing could be profiled (no worker of any",
        "candidate resource), 2 unreadable input or usage error (--join missing).",
    })
public final class ProfileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "APP", description = "AI-SPRINT application directory")
    Path app;

    @Option(names = "--runs", defaultValue = "30", description = "requests per pair (default: ${DEFAULT-VALUE})")
    int runs;

    @CommandLine.Mixin
    JoinOptions cluster = new JoinOptions();

    @Option(names = "--dry-run", description = "measure and print, but do not change performance.yaml")
    boolean dryRun;

    @Option(names = "--json", description = "print the measurements as JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(app)) {
            throw new UserFacingException(app + ": not an application directory (profile writes common_config/performance.yaml)",
                    ExitCodes.USAGE);
        }
        if (!cluster.given()) {
            throw new UserFacingException("profile measures on cluster workers: give --join HOST:PORT of workers started with"
                    + " 'aisprint worker --labels resource=R'", ExitCodes.USAGE);
        }
        SystemDescription system;
        try {
            system = SystemReaders.read(app);
        } catch (ModelException e) {
            throw new UserFacingException(app + ": " + String.join("\n  ", e.problems().stream().map(Object::toString).toList()),
                    e.kind() == ModelException.Kind.UNREADABLE ? ExitCodes.USAGE : ExitCodes.INVALID);
        }
        try {
            Profiler.Result result;
            try (ClusterDriver driver = cluster.driver(json ? null : out)) {
                result = Profiler.profile(system, runs, driver, 1);
            }
            if (result.measurements().isEmpty()) {
                spec.commandLine().getErr().println("error: nothing was profiled: no live worker stands for a candidate resource"
                        + " of " + system.application().name() + ".\n  " + String.join("\n  ", result.skipped())
                        + "\nMaybe start workers with --labels resource=R for the resources above.");
                return ExitCodes.INVALID;
            }
            int changed = dryRun ? 0 : Profiler.write(app, result);
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("measurements", result.measurements());
                document.put("skipped", result.skipped());
                document.put("lines_changed", changed);
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document));
                return ExitCodes.OK;
            }
            out.printf(Locale.ROOT, "%-16s %-14s %-14s %-10s %10s %10s %10s%n", "component", "partition", "resource", "worker",
                    "declared s", "measured s", "±95 %");
            for (Profiler.Measurement m : result.measurements()) {
                out.printf(Locale.ROOT, "%-16s %-14s %-14s %-10s %10.4f %10.4f %10.4f%n", m.component(), m.partition(), m.resource(),
                        m.worker(), m.declared(), m.measured(), m.halfWidth95());
            }
            result.skipped().forEach(s -> out.println("skipped: " + s));
            out.println(dryRun ? "dry run: performance.yaml not changed"
                    : changed + " demand(s) written to " + app.resolve("common_config/performance.yaml"));
            return ExitCodes.OK;
        } catch (PlatformException | io.aisprint.cluster.ClusterException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }
}
