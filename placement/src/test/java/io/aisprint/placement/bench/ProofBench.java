package io.aisprint.placement.bench;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.placement.Semantics;
import io.aisprint.placement.internal.BranchAndBound;
import io.aisprint.placement.internal.Budget;
import io.aisprint.placement.internal.CompiledProblem;
import io.aisprint.placement.internal.EliteSet;
import io.aisprint.placement.internal.SearchWorker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Branch and bound alone, on one thread, after a fixed deterministic heuristic start (RG 2000 +
 * local search 5000 steps, seed 1): nodes and CPU seconds to proof, CPU-time based so that a loaded
 * machine does not distort it. Usage: {@code ProofBench ANCHORS [cpuSecondsLimit] [filter]}.
 */
public final class ProofBench {
    private ProofBench() {
    }

    public static void main(String[] args) throws Exception {
        Path anchors = Path.of(args[0]);
        double limit = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        String filter = args.length > 2 ? args[2] : "";
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("| instance | heuristic start | optimum / best | lower bound | proved | B&B nodes | B&B CPU s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Double> entry : AnchorBench.bestKnown(anchors).entrySet()) {
            if (!entry.getKey().contains(filter)) {
                continue;
            }
            Path system = anchors.resolve("space4ai-d/cpp_dt_general_workflows").resolve(entry.getKey())
                    .resolve("system_description.json");
            SystemDescription description = SystemReaders.read(system).withLambda(1.8);
            CompiledProblem problem = CompiledProblem.compile(description, 1.8, Semantics.cpp());
            EliteSet elite = new EliteSet(10);
            SearchWorker worker = new SearchWorker(problem, 1, elite, null);
            worker.randomGreedy(new Budget(System::nanoTime, Long.MAX_VALUE, 2000, new AtomicBoolean()));
            double startCost = Double.POSITIVE_INFINITY;
            BranchAndBound search;
            if (!elite.isEmpty()) {
                EliteSet.Member best = elite.members().get(0);
                worker.localSearch(best.assignment(), best.cost(), new Budget(System::nanoTime, Long.MAX_VALUE, 5000,
                        new AtomicBoolean()));
                best = elite.members().get(0);
                startCost = best.cost();
                search = new BranchAndBound(problem, cpuBudget(threads, limit), best.assignment(), best.cost());
            } else {
                search = new BranchAndBound(problem, cpuBudget(threads, limit), null, Double.POSITIVE_INFINITY);
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            BranchAndBound.Outcome outcome = search.solve();
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.println(String.format(Locale.ROOT, "| %s | %.6f | %.6f | %.6f | %s | %d | %.2f |", entry.getKey(),
                    startCost, outcome.cost(), outcome.lowerBound(), outcome.proved() ? "yes" : "no", outcome.nodes(), cpu));
        }
    }

    /** A budget on this thread's CPU time, so that the load of other processes does not shorten it. */
    private static Budget cpuBudget(ThreadMXBean threads, double seconds) {
        long start = threads.getCurrentThreadCpuTime();
        return new Budget(threads::getCurrentThreadCpuTime, start + (long) (seconds * 1e9), Long.MAX_VALUE,
                new AtomicBoolean());
    }
}
