package io.aisprint.placement.bench;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.placement.Semantics;
import io.aisprint.placement.internal.Assignment;
import io.aisprint.placement.internal.Budget;
import io.aisprint.placement.internal.CompiledProblem;
import io.aisprint.placement.internal.EliteSet;
import io.aisprint.placement.internal.Evaluator;
import io.aisprint.placement.internal.IncrementalEvaluator;
import io.aisprint.placement.internal.Moves;
import io.aisprint.placement.internal.SearchWorker;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Structural moves evaluated per second on the 15-component anchors at λ = 1.8, full against
 * incremental, single-threaded, side by side in one run:
 * <ul>
 * <li>raw: a random move from a feasible placement at maximum sizes, judged (stopping at the first
 * broken rule) by a full evaluation, by an incremental apply from the previous neighbour (as the
 * searches use it), or by an incremental apply followed by undo (try and roll back);</li>
 * <li>priced: the searches' neighbour pricing (feasibility at maximum sizes, then greedy shrinking)
 * inside simulated annealing, with full evaluations or incrementally.</li>
 * </ul>
 * Usage: {@code MoveBench ANCHORS [rawMoves] [annealingSteps]}.
 */
public final class MoveBench {
    private MoveBench() {
    }

    public static void main(String[] args) {
        Path anchors = Path.of(args[0]);
        int rawMoves = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        System.out.println("| instance | raw full moves/s | raw incremental moves/s | × | apply+undo moves/s | × "
                + "| components, paths recomputed | priced full moves/s | priced incremental moves/s | × |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        double[] sums = new double[7];
        int count = 0;
        for (String level : new String[] {"Light", "Strict"}) {
            for (int i = 1; i <= 10; i++) {
                String name = String.format(Locale.ROOT, "%s/15c/ins%02d", level, i);
                SystemDescription system = SystemReaders.read(anchors.resolve("space4ai-d/cpp_dt_general_workflows")
                        .resolve(name).resolve("system_description.json"));
                CompiledProblem p = CompiledProblem.compile(system, 1.8, Semantics.cpp());
                Assignment start = feasibleStart(p);
                if (start == null) {
                    System.out.println("| " + name + " | no feasible start found | | | | | |");
                    continue;
                }
                for (int mode = 0; mode < 3; mode++) {
                    raw(p, start, rawMoves / 4, mode, null);
                }
                double[] share = new double[2];
                double rawFull = raw(p, start, rawMoves, 0, null);
                double rawIncremental = raw(p, start, rawMoves, 1, share);
                double rawUndo = raw(p, start, rawMoves, 2, null);
                priced(p, start, steps / 4, false);
                priced(p, start, steps / 4, true);
                double pricedFull = priced(p, start, steps, false);
                double pricedIncremental = priced(p, start, steps, true);
                double[] row = {rawFull, rawIncremental, rawUndo, share[0], share[1], pricedFull, pricedIncremental};
                for (int k = 0; k < row.length; k++) {
                    sums[k] += row[k];
                }
                count++;
                print(name, row);
            }
        }
        for (int k = 0; k < sums.length; k++) {
            sums[k] /= count;
        }
        print("mean", sums);
    }

    private static void print(String name, double[] row) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.0f | %.2f | %.0f %%, %.0f %% | %.0f | %.0f | %.2f |%n", name, row[0],
                row[1], row[1] / row[0], row[2], row[2] / row[0], 100 * row[3], 100 * row[4], row[5], row[6], row[6] / row[5]);
    }

    private static Assignment feasibleStart(CompiledProblem p) {
        EliteSet elite = new EliteSet(1);
        SearchWorker worker = new SearchWorker(p, 1, elite, null);
        worker.randomGreedy(new Budget(System::nanoTime, Long.MAX_VALUE, 2000, new AtomicBoolean()));
        if (elite.isEmpty()) {
            return null;
        }
        Assignment start = elite.members().get(0).assignment().copy();
        for (int r = 0; r < p.resourceCount; r++) {
            start.instances[r] = p.maxInstances[r];
        }
        return start;
    }

    /**
     * Random moves from {@code start}, each judged and dropped (mode 0 full, 1 incremental from the
     * previous neighbour, 2 incremental apply and undo); returns moves per second, and in
     * {@code share} the mean fraction of components and paths an incremental apply recomputed.
     */
    private static double raw(CompiledProblem p, Assignment start, int count, int mode, double[] share) {
        SplittableRandom random = new SplittableRandom(3);
        Moves moves = new Moves(p);
        Evaluator full = new Evaluator(p);
        IncrementalEvaluator tracker = new IncrementalEvaluator(p);
        tracker.load(start);
        Assignment candidate = start.copy();
        long feasible = 0;
        long begin = System.nanoTime();
        for (int i = 0; i < count; i++) {
            candidate.copyFrom(start);
            if (!moves.apply(candidate, random)) {
                continue;
            }
            if (mode > 0) {
                feasible += tracker.apply(candidate, true) ? 1 : 0;
                if (mode == 2) {
                    tracker.undo();
                }
            } else {
                feasible += full.evaluate(candidate) ? 1 : 0;
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (share != null) {
            share[0] = (double) tracker.componentsRecomputed / tracker.applications / p.componentCount;
            share[1] = p.pathCount == 0 ? 0 : (double) tracker.pathsRecomputed / tracker.applications / p.pathCount;
        }
        if (feasible < 0) {
            throw new AssertionError();
        }
        return count / seconds;
    }

    /** Simulated annealing from {@code start} for {@code steps} steps; returns neighbours priced per second. */
    private static double priced(CompiledProblem p, Assignment start, int steps, boolean incremental) {
        SearchWorker worker = new SearchWorker(p, 11, new EliteSet(4), null);
        worker.useIncremental(incremental);
        Evaluator evaluator = new Evaluator(p);
        evaluator.evaluate(start);
        long begin = System.nanoTime();
        worker.simulatedAnnealing(start, evaluator.cost, new Budget(System::nanoTime, Long.MAX_VALUE, steps, new AtomicBoolean()),
                0.02);
        double seconds = (System.nanoTime() - begin) / 1e9;
        return worker.moveEvaluations / seconds;
    }
}
