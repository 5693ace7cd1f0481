package io.aisprint.placement.bench;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.placement.DesignOptions;
import io.aisprint.placement.DesignResult;
import io.aisprint.placement.Designer;
import io.aisprint.placement.SearchMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Gap of every heuristic to the proved optimum on the 5-component anchors (λ = 1.8).
 * Usage: {@code GapBench ANCHORS [seconds per heuristic] [threads] [sizes, e.g. 05c]}.
 */
public final class GapBench {
    private GapBench() {
    }

    public static void main(String[] args) {
        Path anchors = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String size = args.length > 3 ? args[3] : "05c";
        SearchMethod[] heuristics = {SearchMethod.RG, SearchMethod.LS, SearchMethod.TABU, SearchMethod.SA};
        System.out.println("| instance | optimum | proved in s | nodes | rg gap | ls gap | tabu gap | sa gap |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double[] sumGap = new double[heuristics.length];
        int count = 0;
        for (String level : new String[] {"Light", "Strict"}) {
            for (int i = 1; i <= 10; i++) {
                String name = String.format(Locale.ROOT, "%s/%s/ins%02d", level, size, i);
                SystemDescription system = SystemReaders.read(anchors.resolve("space4ai-d/cpp_dt_general_workflows")
                        .resolve(name).resolve("system_description.json")).withLambda(1.8);
                DesignResult exact = Designer.create().design(system, DesignOptions.defaults()
                        .withMethod(SearchMethod.EXACT).withThreads(threads).withTimeLimit(Duration.ofSeconds(60)));
                double optimum = exact.best().map(p -> p.totalCost()).orElse(Double.NaN);
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.6f%s | %.2f | %d |", name,
                        optimum, exact.provedOptimal() ? "" : " (not proved)", exact.statistics().elapsedSeconds(),
                        exact.statistics().exactNodes()));
                for (int h = 0; h < heuristics.length; h++) {
                    DesignResult result = Designer.create().design(system, DesignOptions.defaults()
                            .withMethod(heuristics[h]).withThreads(threads).withSeed(1)
                            .withTimeLimit(Duration.ofMillis((long) (seconds * 1000))));
                    double cost = result.best().map(p -> p.totalCost()).orElse(Double.POSITIVE_INFINITY);
                    double gap = (cost - optimum) / optimum * 100;
                    sumGap[h] += gap;
                    row.append(String.format(Locale.ROOT, " %.2f %% |", gap));
                }
                count++;
                System.out.println(row);
            }
        }
        StringBuilder mean = new StringBuilder("| mean | | | |");
        for (double sum : sumGap) {
            mean.append(String.format(Locale.ROOT, " %.2f %% |", sum / count));
        }
        System.out.println(mean);
    }
}
