package io.aisprint.placement.bench;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.placement.DesignOptions;
import io.aisprint.placement.DesignResult;
import io.aisprint.placement.Designer;
import io.aisprint.placement.SearchMethod;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Random-greedy throughput on the 15-component anchors at λ = 1.8: 5000 iterations per instance
 * (after one warm-up run), single-threaded and on {@code threads} threads.
 * Usage: {@code SpeedBench ANCHORS [threads]}.
 */
public final class SpeedBench {
    private SpeedBench() {
    }

    public static void main(String[] args) {
        Path anchors = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.println("| instance | 1 thread: s per 5000 it. | it./s | " + threads + " threads: s per 5000 it./thread | it./s |");
        System.out.println("|---|---|---|---|---|");
        double sumSingle = 0;
        double sumMulti = 0;
        int count = 0;
        for (String level : new String[] {"Light", "Strict"}) {
            for (int i = 1; i <= 10; i++) {
                String name = String.format(Locale.ROOT, "%s/15c/ins%02d", level, i);
                SystemDescription system = SystemReaders.read(anchors.resolve("space4ai-d/cpp_dt_general_workflows")
                        .resolve(name).resolve("system_description.json")).withLambda(1.8);
                run(system, 1, 5000); // warm-up
                double single = run(system, 1, 5000);
                double multi = run(system, threads, 5000);
                sumSingle += single;
                sumMulti += multi;
                count++;
                System.out.printf(Locale.ROOT, "| %s | %.3f | %.0f | %.3f | %.0f |%n", name, single, 5000 / single, multi,
                        threads * 5000 / multi);
            }
        }
        System.out.printf(Locale.ROOT, "| mean | %.3f | %.0f | %.3f | %.0f |%n", sumSingle / count, 5000 * count / sumSingle,
                sumMulti / count, threads * 5000 * count / sumMulti);
    }

    private static double run(SystemDescription system, int threads, long iterations) {
        DesignOptions options = DesignOptions.defaults().withMethod(SearchMethod.RG).withThreads(threads)
                .withIterations(iterations).withTimeLimit(null);
        DesignResult result = Designer.create().design(system, options);
        return result.statistics().elapsedSeconds();
    }
}
