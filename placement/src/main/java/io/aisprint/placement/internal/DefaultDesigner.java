package io.aisprint.placement.internal;

import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.placement.DesignOptions;
import io.aisprint.placement.DesignResult;
import io.aisprint.placement.Designer;
import io.aisprint.placement.SearchMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.function.DoubleConsumer;

/**
 * Runs the chosen search on every thread, each with its own seed and elite set (so a seed, a
 * thread count and an iteration budget reproduce a run), merges the elites, polishes their
 * cluster sizes exhaustively. The exact and auto methods run branch and bound beside the heuristics.
 */
public final class DefaultDesigner implements Designer {
    @Override
    public DesignResult design(SystemDescription system, DesignOptions options) {
        long begin = options.nanoClock().getAsLong();
        CompiledProblem problem = CompiledProblem.compile(system, system.application().lambda(), options.semantics());
        SearchMethod method = options.method();
        boolean exact = method == SearchMethod.EXACT || method == SearchMethod.AUTO;
        long deadline = options.timeLimit() == null ? Long.MAX_VALUE : begin + options.timeLimit().toNanos();
        long steps = options.iterations() == 0 ? Long.MAX_VALUE : options.iterations();
        Budget budget = new Budget(options.nanoClock(), deadline, steps, new AtomicBoolean());

        DoubleAccumulator bestSoFar = new DoubleAccumulator(Math::min, Double.POSITIVE_INFINITY);
        DoubleConsumer improvement = cost -> {
            double before = bestSoFar.get();
            bestSoFar.accumulate(cost);
            if (cost < before && options.progress() != null) {
                options.progress().accept(cost);
            }
        };
        List<SearchWorker> workers = new ArrayList<>();
        List<EliteSet> elites = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            EliteSet elite = new EliteSet(options.eliteSize());
            elites.add(elite);
            workers.add(new SearchWorker(problem, options.seed() + i, elite, improvement));
        }
        boolean proved = false;
        double lowerBound = Double.NaN;
        long exactNodes = 0;
        BranchAndBound.Outcome outcome = null;
        if (!exact) {
            runAll(workers, worker -> runHeuristic(worker, method, budget, problem));
        } else {
            // An opening heuristic phase finds an incumbent; then branch and bound runs on one thread,
            // pruning against the best cost of the heuristics that go on beside it, and stops them
            // once it has proved the optimum.
            // A tenth of the time, at most one second: the proof needs the rest, not a better start.
            double openingShare = options.timeLimit() == null ? 0.1
                    : Math.min(0.1, 1e9 / Math.max(1.0, options.timeLimit().toNanos()));
            Budget opening = budget.slice(openingShare, Math.max(1, steps == Long.MAX_VALUE ? steps : steps / 10));
            runAll(workers, worker -> runHeuristic(worker, SearchMethod.AUTO, opening, problem));
            EliteSet opened = new EliteSet(options.eliteSize());
            elites.forEach(opened::addAll);
            EliteSet.Member start = opened.isEmpty() ? null : opened.members().get(0);
            AtomicBoolean stopHeuristics = new AtomicBoolean();
            Budget rest = new Budget(options.nanoClock(), deadline, steps, stopHeuristics);
            BranchAndBound exactSearch = new BranchAndBound(problem, budget,
                    start == null ? null : start.assignment(), start == null ? Double.POSITIVE_INFINITY : start.cost())
                    .sharing(bestSoFar::get, improvement);
            BranchAndBound.Outcome[] result = new BranchAndBound.Outcome[1];
            List<SearchWorker> helpers = workers.subList(1, workers.size());
            Thread exactThread = new Thread(() -> {
                try {
                    result[0] = exactSearch.solve();
                } finally {
                    stopHeuristics.set(true);
                }
            }, "aisprint-exact");
            exactThread.setDaemon(true);
            exactThread.start();
            if (!helpers.isEmpty()) {
                runAll(helpers, worker -> runHeuristic(worker, SearchMethod.AUTO, rest, problem));
            }
            try {
                exactThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("design interrupted", e);
            }
            outcome = result[0];
            if (outcome == null) {
                throw new IllegalStateException("the exact search failed");
            }
            exactNodes = outcome.nodes();
            proved = outcome.proved();
            lowerBound = outcome.lowerBound();
        }

        EliteSet merged = new EliteSet(options.eliteSize());
        elites.forEach(merged::addAll);
        if (outcome != null && outcome.best() != null) {
            Evaluator evaluator = new Evaluator(problem);
            evaluator.evaluate(outcome.best());
            merged.offer(outcome.best(), outcome.cost(), outcome.best().fingerprint(evaluator.used));
        }
        SearchWorker polisher = new SearchWorker(problem, options.seed(), merged, null);
        for (EliteSet.Member member : merged.members()) {
            polisher.polish(member.assignment().copy());
        }

        Evaluator evaluator = new Evaluator(problem);
        List<Placement> elitePlacements = new ArrayList<>();
        for (EliteSet.Member member : merged.members()) {
            boolean feasible = evaluator.evaluate(member.assignment(), false);
            elitePlacements.add(Conversions.toPlacement(evaluator, member.assignment(), feasible));
        }
        long constructions = 0;
        long feasibleConstructions = 0;
        long moveEvaluations = 0;
        long evaluations = 0;
        for (SearchWorker worker : workers) {
            constructions += worker.constructions;
            feasibleConstructions += worker.feasibleConstructions;
            moveEvaluations += worker.moveEvaluations;
            evaluations += worker.evaluations();
        }
        double elapsed = (options.nanoClock().getAsLong() - begin) / 1e9;
        var statistics = new DesignResult.Statistics(method, options.threads(),
                constructions, feasibleConstructions, moveEvaluations, evaluations, exactNodes, elapsed);
        List<String> explanation = elitePlacements.isEmpty() ? InfeasibilityReasons.explain(problem) : List.of();
        Optional<Placement> best = elitePlacements.isEmpty() ? Optional.empty() : Optional.of(elitePlacements.get(0));
        return new DesignResult(best, elitePlacements, statistics, proved, lowerBound, explanation);
    }

    /** RG for a share of the budget, then the improvement method from the worker's elite, round robin. */
    private static void runHeuristic(SearchWorker worker, SearchMethod method, Budget budget, CompiledProblem problem) {
        if (method == SearchMethod.RG) {
            worker.randomGreedy(budget);
            return;
        }
        worker.randomGreedy(budget.slice(0.2, Math.max(1, budget.maxSteps() == Long.MAX_VALUE
                ? Long.MAX_VALUE : budget.maxSteps() / 5)));
        EliteSet elite = worker.elite();
        long stepsLeft = budget.maxSteps() == Long.MAX_VALUE ? Long.MAX_VALUE : budget.maxSteps() - budget.maxSteps() / 5;
        int round = 0;
        while (!budget.exhausted(0) && stepsLeft > 0) {
            if (elite.isEmpty()) {
                worker.randomGreedy(budget.slice(1.0, Math.min(stepsLeft, 1000)));
                stepsLeft -= Math.min(stepsLeft, 1000);
                continue;
            }
            List<EliteSet.Member> members = elite.members();
            EliteSet.Member start = members.get(round % members.size());
            long chunk = Math.min(stepsLeft, Math.max(500, 60L * problem.slotCount));
            Budget slice = budget.slice(0.25, chunk);
            SearchMethod step = method == SearchMethod.AUTO ? (round % 2 == 0 ? SearchMethod.LS : SearchMethod.SA) : method;
            switch (step) {
                case TABU -> worker.tabuSearch(start.assignment(), start.cost(), slice, 50, 8);
                case SA -> worker.simulatedAnnealing(start.assignment(), start.cost(), slice, 0.02);
                default -> worker.localSearch(start.assignment(), start.cost(), slice);
            }
            stepsLeft -= chunk;
            round++;
        }
    }

    private interface Task {
        void run(SearchWorker worker);
    }

    private static void runAll(List<SearchWorker> workers, Task task) {
        if (workers.size() == 1) {
            task.run(workers.get(0));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers.size(), runnable -> {
            Thread thread = new Thread(runnable, "aisprint-design");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SearchWorker worker : workers) {
                futures.add(pool.submit(() -> task.run(worker)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("design interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
