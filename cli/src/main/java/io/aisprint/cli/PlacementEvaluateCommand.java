package io.aisprint.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.model.ModelException;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SolutionJsonReader;
import io.aisprint.placement.MaximumLoad;
import io.aisprint.placement.PlacementEvaluator;
import io.aisprint.placement.PlacementException;
import io.aisprint.placement.Semantics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint evaluate}: response times, feasibility and cost of a given SPACE4AI-D solution. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Evaluate a placement exactly: partition, component and path response times, every",
            "feasibility rule and the cost. SOLUTION is a SPACE4AI-D solution JSON (as written by",
            "'aisprint design --out' or the C++/Python tools); the cluster size of a resource is the",
            "largest 'number' listed for it.",
            "",
            "Example:",
            "  aisprint evaluate system.json result/solution.json --lambda 1.8",
            "",
        },
        footer = {"", "Exit codes: 0 feasible, 1 infeasible or invalid input, 2 unreadable input or usage."})
public final class PlacementEvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYSTEM", description = "an AI-SPRINT application directory or a SPACE4AI-D system JSON")
    Path systemPath;

    @Parameters(index = "1", paramLabel = "SOLUTION", description = "a SPACE4AI-D solution JSON")
    Path solutionPath;

    @Option(names = "--lambda", paramLabel = "L", description = "load in requests per second (default: the solution's 'Lambda')")
    Double lambda;

    @Option(names = "--semantics", paramLabel = "cpp|python", defaultValue = "cpp",
            description = "where the reference tools differ, follow the C++ (default) or the Python one")
    String semantics;

    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;

    @Option(names = "--max-load", description = "also find the maximum sustainable λ of this placement (clusters at their largest)")
    boolean maxLoad;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SystemDescription system = PlacementReport.readSystem(systemPath);
        Placement stored;
        try {
            stored = SolutionJsonReader.read(solutionPath, system);
        } catch (ModelException e) {
            throw PlacementReport.userError(e);
        }
        if (stored.components().isEmpty()) {
            throw new UserFacingException(solutionPath + ": the solution is marked infeasible and places nothing",
                    ExitCodes.INVALID);
        }
        double load = lambda != null ? lambda : stored.lambda();
        Semantics chosen = switch (semantics.toLowerCase(Locale.ROOT)) {
            case "cpp", "c++" -> Semantics.cpp();
            case "python", "py" -> Semantics.python();
            default -> throw new UserFacingException("--semantics must be cpp or python, got '" + semantics + "'",
                    ExitCodes.USAGE);
        };
        PlacementEvaluator.Evaluation evaluation;
        try {
            evaluation = PlacementEvaluator.evaluate(system, stored, load, chosen);
        } catch (PlacementException | ModelException e) {
            throw PlacementReport.userError(e);
        }
        MaximumLoad.Result maximum = null;
        if (maxLoad) {
            try {
                maximum = MaximumLoad.of(system, stored, chosen, 1e-4);
            } catch (PlacementException e) {
                throw PlacementReport.userError(e);
            }
        }
        if (json) {
            ObjectNode root = PlacementReport.toJson(evaluation.placement());
            if (maximum != null) {
                root.put("max_lambda", maximum.lambda());
            }
            root.put("first_violation", evaluation.firstViolation());
            PlacementReport.putNumber(root, "stored_total_cost", stored.totalCost());
            out.println(PlacementReport.write(root));
        } else {
            out.printf(Locale.ROOT, "%s evaluated at λ = %s req/s: %s%n%n", solutionPath, load,
                    evaluation.feasible() ? "feasible" : "INFEASIBLE — " + evaluation.firstViolation());
            PlacementReport.printTable(out, system, evaluation.placement());
            if (Double.isFinite(stored.totalCost())
                    && Math.abs(stored.totalCost() - evaluation.placement().totalCost()) > 1e-6 * stored.totalCost()) {
                out.printf(Locale.ROOT, "note: the file states total_cost %.6f; the recomputed cost is %.6f%n",
                        stored.totalCost(), evaluation.placement().totalCost());
            }
            if (maximum != null) {
                out.printf(Locale.ROOT, "maximum sustainable λ (clusters at their largest): %.4f req/s%n", maximum.lambda());
            }
        }
        out.flush();
        return evaluation.feasible() ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
