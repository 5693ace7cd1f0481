package io.aisprint.placement.bench;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.placement.DesignOptions;
import io.aisprint.placement.DesignResult;
import io.aisprint.placement.Designer;
import io.aisprint.placement.SearchMethod;
import java.io.IOException;
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

/**
 * Quality benchmark on the 80 SPACE4AI-D design-time anchors at λ = 1.8: per instance the
 * best-known (recomputed) cost, our median and minimum over seeds, time, and whether the optimum
 * was proved. Usage: {@code AnchorBench ANCHORS OUT.md [seconds] [seeds] [threads] [method] [filter]}.
 */
public final class AnchorBench {
    private AnchorBench() {
    }

    public static void main(String[] args) throws IOException {
        Path anchors = Path.of(args[0]);
        Path out = Path.of(args[1]);
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        SearchMethod method = args.length > 5 ? SearchMethod.parse(args[5]) : SearchMethod.AUTO;
        String filter = args.length > 6 ? args[6] : "";
        Map<String, Double> known = bestKnown(anchors);
        List<String> rows = new ArrayList<>();
        int beaten = 0;
        int matched = 0;
        int total = 0;
        int proved = 0;
        double sumGain = 0;
        for (Map.Entry<String, Double> entry : known.entrySet()) {
            if (!entry.getKey().contains(filter)) {
                continue;
            }
            Path system = anchors.resolve("space4ai-d/cpp_dt_general_workflows").resolve(entry.getKey())
                    .resolve("system_description.json");
            SystemDescription description = SystemReaders.read(system).withLambda(1.8);
            double[] costs = new double[seeds];
            double[] times = new double[seeds];
            int provedRuns = 0;
            for (int seed = 0; seed < seeds; seed++) {
                DesignOptions options = DesignOptions.defaults().withMethod(method).withThreads(threads)
                        .withSeed(1000L * seed + 1).withTimeLimit(Duration.ofMillis((long) (seconds * 1000)));
                DesignResult result = Designer.create().design(description, options);
                costs[seed] = result.best().map(p -> p.totalCost()).orElse(Double.POSITIVE_INFINITY);
                times[seed] = result.statistics().elapsedSeconds();
                provedRuns += result.provedOptimal() ? 1 : 0;
            }
            double[] sorted = costs.clone();
            Arrays.sort(sorted);
            double median = sorted[seeds / 2];
            double min = sorted[0];
            double maxTime = Arrays.stream(times).max().orElse(0);
            double gain = (entry.getValue() - median) / entry.getValue() * 100;
            total++;
            sumGain += gain;
            if (median < entry.getValue() - 1e-6) {
                beaten++;
            } else if (median <= entry.getValue() + 1e-6) {
                matched++;
            }
            proved += provedRuns == seeds ? 1 : 0;
            String row = String.format(Locale.ROOT, "| %s | %.6f | %.6f | %.6f | %+.2f %% | %.1f | %s |", entry.getKey(),
                    entry.getValue(), median, min, -gain, maxTime, provedRuns + "/" + seeds);
            rows.add(row);
            System.out.println(row);
        }
        String summary = String.format(Locale.ROOT, "%d instances: median below best-known on %d, equal on %d, above on %d;"
                + " mean change %+.2f %%; optimum proved on all seeds for %d.", total, beaten, matched,
                total - beaten - matched, -sumGain / Math.max(total, 1), proved);
        System.out.println(summary);
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Method %s, %.1f s per run, %d seeds, %d threads, λ = 1.8.%n%n", method,
                seconds, seeds, threads));
        text.append("| instance | best-known (recomputed) | ours median | ours min | median vs best-known | max time s | proved |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> text.append(r).append('\n'));
        text.append('\n').append(summary).append('\n');
        Path temporary = Files.createTempFile(out.toAbsolutePath().getParent(), ".bench", ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Map<String, Double> bestKnown(Path anchors) throws IOException {
        Map<String, Double> costs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(anchors.resolve("space4ai-d/README.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length > 10 && cells[1].trim().matches("(Light|Strict)/\\d\\dc/ins\\d\\d")) {
                costs.put(cells[1].trim(), Double.parseDouble(cells[9].trim()));
            }
        }
        return costs;
    }
}
