import io.aisprint.gpu.AnchorFiles;
import io.aisprint.gpu.Assignment;
import io.aisprint.gpu.Configuration;
import io.aisprint.gpu.Job;
import io.aisprint.gpu.JobState;
import io.aisprint.gpu.Node;
import io.aisprint.gpu.OptimizerOptions;
import io.aisprint.gpu.Plan;
import io.aisprint.gpu.PlanCost;
import io.aisprint.gpu.Policies;
import io.aisprint.gpu.Proxy;
import io.aisprint.gpu.SchedulingProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Decision time of one rescheduling point with 100 nodes (K80×8 / M60×8 alternating) and 450
 * submitted jobs drawn from the reference catalogue, half of them part-done. Prints a markdown
 * table: method, iterations, median and max wall time of 5 decisions (after 2 warm-ups), and the
 * plan's cost under our proxy and under the reference's myopic proxy.
 *
 * Run: java -cp "$(cat cli/target/classpath.txt):gpu/target/classes" bench/gpu/DecisionTimeBench.java DATA_DIR
 */
public class DecisionTimeBench {
    public static void main(String[] args) {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/anchors/gpu-scheduler/data");
        Map<String, AnchorFiles.ProfiledJob> catalogue = AnchorFiles.profiles(data.resolve("data_2d10d_filtered.csv"), List.of("K80", "M60"));
        var costs = AnchorFiles.costTable(data.resolve("GPU-cost_server.csv"));
        Random random = new Random(2024);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            nodes.add(new Node("n" + i, i % 2 == 0 ? "K80" : "M60", 8, 0));
        }
        List<String> names = new ArrayList<>(catalogue.keySet());
        List<JobState> jobs = new ArrayList<>();
        for (int j = 0; j < 450; j++) {
            AnchorFiles.ProfiledJob profiled = catalogue.get(names.get(random.nextInt(names.size())));
            Map<Configuration, Double> perEpoch = new LinkedHashMap<>();
            profiled.totalSeconds().forEach((c, total) -> perEpoch.put(c, total / profiled.epochs()));
            double fastest = profiled.totalSeconds().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double slowest = profiled.totalSeconds().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double release = -random.nextDouble() * 100_000;
            Job job = new Job("J" + j, release, release + fastest + random.nextDouble() * (slowest - fastest),
                0.02537 + random.nextDouble() * 0.019, profiled.epochs(), perEpoch, profiled.memoryGb(), profiled.name(), "");
            jobs.add(new JobState(job, j % 2 == 0 ? random.nextDouble() * 0.5 : 0));
        }
        SchedulingProblem problem = new SchedulingProblem(0, jobs, nodes, costs, Map.<String, Assignment>of());
        System.out.println("| method | iterations | time limit | median ms | max ms | cost (our proxy) | cost (reference proxy) | jobs placed |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        Object[][] settings = {
            {"G", 0, 0L}, {"RG", 100, 0L}, {"RG", 1000, 0L}, {"LS", 100, 0L}, {"PR", 100, 0L}, {"PR", 1000, 800L}, {"LS", 1000, 800L}, {"EDF", 0, 0L}};
        for (Object[] setting : settings) {
            String method = (String) setting[0];
            OptimizerOptions options = OptimizerOptions.defaults().withIterations((Integer) setting[1]).withTimeLimitMillis((Long) setting[2]);
            var policy = Policies.create(method, options);
            for (int warm = 0; warm < 2; warm++) {
                policy.schedule(problem);
            }
            double[] millis = new double[5];
            Plan plan = null;
            for (int run = 0; run < millis.length; run++) {
                long start = System.nanoTime();
                plan = policy.schedule(problem);
                millis[run] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.0f | %.0f | %.1f | %.1f | %d |%n", method, (Integer) setting[1],
                (Long) setting[2] > 0 ? setting[2] + " ms" : "-", millis[2], millis[4],
                PlanCost.estimate(problem, plan.assignments(), Proxy.FULL_HORIZON),
                PlanCost.estimate(problem, plan.assignments(), Proxy.MYOPIC), plan.assignments().size());
        }
    }
}
