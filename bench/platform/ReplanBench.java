import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SolutionJsonReader;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.platform.Replanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SPACE4AI-R scalability experiment (placement reference §4) with our Replanner, side by side with
 * the reference tool's stored results: start from the design-time solution at λ 1.8, follow the
 * 24-slot workload profile, re-plan at every slot from the previous slot's placement (edge cost at
 * ε = 0.1), and report cost savings and re-planning time. Savings are 1 - (mean run-time cost) /
 * (cost of the design-time deployment at λ 1.8), both with edge cost at ε = 0.1, as the reference reports them.
 *
 * Usage: java -cp CLASSPATH bench/platform/ReplanBench.java ANCHORS SIZE(15c) TIME_LIMIT_MS OUT.md
 */
public class ReplanBench {
    public static void main(String[] args) throws Exception {
        Path anchors = Path.of(args[0]).resolve("space4ai-d");
        String size = args.length > 1 ? args[1] : "15c";
        long limitMs = args.length > 2 ? Long.parseLong(args[2]) : 400;
        Path out = Path.of(args.length > 3 ? args[3] : "bench/platform/results.md");
        ObjectMapper mapper = new ObjectMapper();
        Path experiments = anchors.resolve("s4air_experiments/ExperimentalAnalysis/ScalabilityAnalysis");
        JsonNode lambdas = mapper.readTree(experiments.resolve("LambdaValues.json").toFile()).get("LambdaVec");
        int components = Integer.parseInt(size.replace("c", ""));
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "| set | instances | reference: initial cost | reference: RT avg cost | reference: avg saving | reference: avg / max time (s) "
                + "| ours: initial cost | ours: RT avg cost | ours: avg saving | ours: saving vs keeping the design (ε 0.1) | ours: avg / max time (s) | ours: infeasible slots |%n"));
        report.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String set : List.of("Light", "Strict")) {
            JsonNode reference = mapper.readTree(experiments.resolve("Sol" + set + "/Sol_" + components + "Components.json").toFile());
            double refInitial = reference.get("Costs").get(0).asDouble();
            double refAverage = average(reference.get("Costs"), 1);
            double refTime = average(reference.get("Timings"), 1);
            double refMaxTime = max(reference.get("Timings"), 1);
            double initialSum = 0;
            double averageSum = 0;
            double staticSum = 0;
            double timeSum = 0;
            double timeMax = 0;
            int slots = 0;
            int infeasible = 0;
            int instances = 0;
            for (int k = 1; k <= 10; k++) {
                Path dir = anchors.resolve(String.format(Locale.ROOT, "cpp_dt_general_workflows/%s/%02dc/ins%02d", set, components, k));
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                instances++;
                SystemDescription system = SystemReaders.read(dir.resolve("system_description.json")).withLambda(1.8);
                Placement deployed = SolutionJsonReader.read(dir.resolve("best_sol_1.8.json"), system);
                initialSum += Replanner.costPerHour(system, deployed, deployed, 1.8, 0.1);
                Placement current = deployed;
                double costSum = 0;
                double keepSum = 0;
                int counted = 0;
                for (int slot = 1; slot < lambdas.size(); slot++) {
                    double lambda = lambdas.get(slot).asDouble();
                    Replanner.Result result = Replanner.replan(system, deployed, current, lambda,
                            new Replanner.Options(0.1, Duration.ofMillis(limitMs), slot, 1));
                    timeSum += result.seconds();
                    timeMax = Math.max(timeMax, result.seconds());
                    slots++;
                    if (result.placement().isEmpty()) {
                        infeasible++;
                        costSum += Replanner.costPerHour(system, deployed, current, lambda, 0.1);
                    } else {
                        current = result.placement().get();
                        costSum += result.costAfter();
                    }
                    keepSum += Replanner.costPerHour(system, deployed, deployed, lambda, 0.1);
                    counted++;
                }
                averageSum += costSum / counted;
                staticSum += keepSum / counted;
            }
            double initial = initialSum / instances;
            double average = averageSum / instances;
            double keep = staticSum / instances;
            report.append(String.format(Locale.ROOT, "| %s %s | %d | %.3f | %.3f | %.1f %% | %.2f / %.2f | %.3f | %.3f | %.1f %% | %.1f %% | %.3f / %.3f | %d of %d |%n",
                    set, size, instances, refInitial, refAverage, 100 * (1 - refAverage / refInitial), refTime, refMaxTime,
                    initial, average, 100 * (1 - average / initial), 100 * (1 - average / keep), timeSum / slots, timeMax,
                    infeasible, slots));
            System.out.print(report);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString());
    }

    private static double average(JsonNode values, int from) {
        double sum = 0;
        int count = 0;
        for (int i = from; i < values.size(); i++) {
            sum += values.get(i).asDouble();
            count++;
        }
        return sum / count;
    }

    private static double max(JsonNode values, int from) {
        double max = 0;
        for (int i = from; i < values.size(); i++) {
            max = Math.max(max, values.get(i).asDouble());
        }
        return max;
    }
}
