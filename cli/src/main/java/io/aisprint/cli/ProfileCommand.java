package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
        "Each (partition, resource) pair runs as a node of the embedded continuum with the resource's",
        "cores, one request at a time: the partition's real code, then the emulated device time.",
        "Pairs without a declared demand cannot be emulated and are listed as skipped.",
        "Changed lines keep their layout and get a '# profiled' comment; the file is validated",
        "before it replaces the old one.",
    },
    footer = {
        "",
        "Examples:",
        "  aisprint profile examples/mask-detection --dry-run",
        "  aisprint profile examples/mask-detection --runs 50",
        "",
        "Exit codes: 0 profiled, 1 invalid application, 2 unreadable input or usage error.",
    })
public final class ProfileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "APP", description = "AI-SPRINT application directory")
    Path app;

    @Option(names = "--runs", defaultValue = "30", description = "requests per pair (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--time-scale", defaultValue = "0.2", description = "wall seconds per application second (default: ${DEFAULT-VALUE})")
    double timeScale;

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
        SystemDescription system;
        try {
            system = SystemReaders.read(app);
        } catch (ModelException e) {
            throw new UserFacingException(app + ": " + String.join("\n  ", e.problems().stream().map(Object::toString).toList()),
                    e.kind() == ModelException.Kind.UNREADABLE ? ExitCodes.USAGE : ExitCodes.INVALID);
        }
        try {
            Profiler.Result result = Profiler.profile(system, runs, timeScale, 1);
            int changed = dryRun ? 0 : Profiler.write(app, result);
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("measurements", result.measurements());
                document.put("skipped", result.skipped());
                document.put("lines_changed", changed);
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document));
                return ExitCodes.OK;
            }
            out.printf(Locale.ROOT, "%-16s %-14s %-14s %10s %10s %10s%n", "component", "partition", "resource", "declared s",
                    "measured s", "±95 %");
            for (Profiler.Measurement m : result.measurements()) {
                out.printf(Locale.ROOT, "%-16s %-14s %-14s %10.4f %10.4f %10.4f%n", m.component(), m.partition(), m.resource(),
                        m.declared(), m.measured(), m.halfWidth95());
            }
            result.skipped().forEach(s -> out.println("skipped: " + s));
            out.println(dryRun ? "dry run: performance.yaml not changed"
                    : changed + " demand(s) written to " + app.resolve("common_config/performance.yaml"));
            return ExitCodes.OK;
        } catch (PlatformException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }
}
