package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisprint.model.ModelException;
import io.aisprint.model.Problem;
import io.aisprint.model.ResourceKind;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.SystemSummary;
import io.aisprint.model.io.SystemJsonReader;
import io.aisprint.model.io.SystemReaders;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint validate PATH}: reads a system and reports every problem at once, or a summary. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = {
        "Read an application and its continuum, check them, and print a summary or every problem found.",
        "",
        "PATH is an AI-SPRINT application directory (common_config/application_dag.yaml,",
        "candidate_resources.yaml, candidate_deployments.yaml; optional annotations.yaml and",
        "performance.yaml) or a SPACE4AI-D system description JSON (any of the three format",
        "generations; a format-1 file takes its DAG from DAG_Conf.txt next to it).",
        "",
        "Each problem names the file, the place (JSON pointer or YAML line) and what was expected.",
    },
    footer = {
        "",
        "Examples:",
        "  aisprint validate examples/mask-detection",
        "  aisprint validate system_description.json --json",
        "",
        "Exit codes: 0 valid, 1 invalid (problems listed), 2 unreadable input or usage error.",
    })
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "application directory or system description JSON")
    Path path;

    @Option(names = "--json", description = "print {\"valid\", \"summary\", \"problems\"} as JSON instead of text")
    boolean json;

    @Option(names = "--dag", paramLabel = "FILE",
            description = "DAG text file (lines 'from to probability') for a format-1 system JSON without one; "
                    + "default: DAG_Conf.txt next to it")
    Path dag;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SystemDescription system;
        try {
            system = dag == null ? SystemReaders.read(path) : SystemJsonReader.read(path, dag);
        } catch (ModelException e) {
            int code = e.kind() == ModelException.Kind.UNREADABLE ? ExitCodes.USAGE : ExitCodes.INVALID;
            if (json) {
                printJson(out, false, null, e.problems());
            } else {
                PrintWriter err = spec.commandLine().getErr();
                err.println(path + ": " + (e.kind() == ModelException.Kind.UNREADABLE ? "unreadable" : "invalid")
                        + ", " + e.problems().size() + (e.problems().size() == 1 ? " problem:" : " problems:"));
                e.problems().forEach(p -> err.println("  " + p));
            }
            return code;
        }
        SystemSummary summary = SystemSummary.of(system);
        if (json) {
            printJson(out, true, summary, List.of());
        } else {
            printText(out, summary);
            printReadiness(out, DesignReadiness.of(system));
        }
        return ExitCodes.OK;
    }

    /** What `design` will need that the input does not have yet, and how to get it. */
    private void printReadiness(PrintWriter out, DesignReadiness readiness) {
        if (readiness.ready()) {
            out.println("  design        ready: every compatible (partition, resource) pair has a performance model");
            return;
        }
        out.printf(Locale.ROOT, "  design        NOT READY: %d of %d compatible (partition, resource) pairs have no performance model, e.g.%n",
            readiness.missing().size(), readiness.compatible());
        readiness.missing().stream().limit(3).forEach(pair -> out.println("                  " + pair));
        out.println("                Get them by measuring, then design:");
        out.println("                  aisprint profile " + path + " --join HOST:PORT   (on workers labelled resource=R)");
        out.println("                or declare demands in common_config/performance.yaml (docs/model.md),");
        out.println("                or train regression models from profiling data (aisprint perf train, docs/perf.md).");
    }

    private void printText(PrintWriter out, SystemSummary summary) {
        out.println(path + ": valid");
        out.printf(Locale.ROOT, "  application   %s: %d components, %d deployments, %d partitions, %d transitions%n",
                summary.name(), summary.components(), summary.deployments(), summary.partitions(), summary.dagEdges());
        out.printf(Locale.ROOT, "  continuum     %d edge devices, %d VM types, %d FaaS configurations in %d layers, %d network domains%n",
                summary.resources(ResourceKind.EDGE), summary.resources(ResourceKind.VM), summary.resources(ResourceKind.FAAS),
                summary.layers().size(), summary.networkDomains());
        for (SystemSummary.LayerSummary layer : summary.layers()) {
            out.printf(Locale.ROOT, "    %-24s %-4s %d resources%n", layer.name(), layer.kind(), layer.resources());
        }
        out.printf(Locale.ROOT, "  constraints   %d local, %d global%n", summary.localConstraints(), summary.globalConstraints());
        out.printf(Locale.ROOT, "  workload      λ = %s req/s, horizon %s h%n", number(summary.lambda()), number(summary.time()));
        out.printf(Locale.ROOT, "  performance   %d of %d compatible (partition, resource) pairs declared%n",
                summary.performanceDeclared(), summary.compatiblePairs());
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static void printJson(PrintWriter out, boolean valid, SystemSummary summary, List<Problem> problems) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        out.println(mapper.writeValueAsString(io.aisprint.server.ValidationReport.of(valid, summary, problems, file -> file)));
    }
}
