package io.aisprint.placement.internal;

import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.placement.DesignOptions;
import io.aisprint.placement.DesignResult;
import io.aisprint.placement.Designer;
import io.aisprint.placement.InfeasibilityExplainer;
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

/**
 * Runs the chosen search on every thread, each with its own seed and elite set (so a seed, a
 * thread count and an iteration budget reproduce a run), merges the elites, polishes their
 * cluster sizes exhaustively and, for the exact method, closes with branch and bound.
 */
public final class DefaultDesigner implements Designer {
    /** Systems up to this many components are solved exactly by {@link SearchMethod#AUTO}. */
    private static final int EXACT_AUTO_COMPONENTS = 5;

    @Override
    public DesignResult design(SystemDescription system, DesignOptions options) {
        long begin = options.nanoClock().getAsLong();
        CompiledProblem problem = CompiledProblem.compile(system, system.application().lambda(), options.semantics());
        SearchMethod method = options.method();
        boolean exact = method == SearchMethod.EXACT
                || method == SearchMethod.AUTO && problem.componentCount <= EXACT_AUTO_COMPONENTS;
        long deadline = options.timeLimit() == null ? Long.MAX_VALUE : begin + options.timeLimit().toNanos();
        long steps = options.iterations() == 0 ? Long.MAX_VALUE : options.iterations();
        AtomicBoolean cancelled = new AtomicBoolean();
        Budget budget = new Budget(options.nanoClock(), deadline, steps, cancelled);
        // Exact search leaves the heuristics a fifth of the time to find a good incumbent.
        Budget heuristicBudget = exact ? budget.slice(0.2, steps) : budget;
        SearchMethod heuristic = exact || method == SearchMethod.AUTO ? SearchMethod.AUTO : method;

        DoubleAccumulator bestSoFar = new DoubleAccumulator(Math::min, Double.POSITIVE_INFINITY);
        List<SearchWorker> workers = new ArrayList<>();
        List<EliteSet> elites = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            EliteSet elite = new EliteSet(options.eliteSize());
            elites.add(elite);
            workers.add(new SearchWorker(problem, options.seed() + i, elite, cost -> {
                double before = bestSoFar.get();
                bestSoFar.accumulate(cost);
                if (cost < before && options.progress() != null) {
                    options.progress().accept(cost);
                }
            }));
        }
        runAll(workers, worker -> runHeuristic(worker, heuristic, heuristicBudget, problem));

        EliteSet merged = new EliteSet(options.eliteSize());
        elites.forEach(merged::addAll);
        SearchWorker polisher = new SearchWorker(problem, options.seed(), merged, null);
        for (EliteSet.Member member : merged.members()) {
            polisher.polish(member.assignment().copy());
        }

        boolean proved = false;
        double lowerBound = Double.NaN;
        long exactNodes = 0;
        if (exact) {
            EliteSet.Member best = merged.isEmpty() ? null : merged.members().get(0);
            BranchAndBound search = new BranchAndBound(problem, budget,
                    best == null ? null : best.assignment(), best == null ? Double.POSITIVE_INFINITY : best.cost());
            BranchAndBound.Outcome outcome = search.solve();
            exactNodes = outcome.nodes();
            proved = outcome.proved();
            lowerBound = outcome.lowerBound();
            if (outcome.best() != null) {
                Evaluator evaluator = new Evaluator(problem);
                evaluator.evaluate(outcome.best());
                merged.offer(outcome.best(), outcome.cost(), outcome.best().fingerprint(evaluator.used));
                if (options.progress() != null && outcome.cost() < bestSoFar.get()) {
                    options.progress().accept(outcome.cost());
                }
            }
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
        var statistics = new DesignResult.Statistics(exact ? SearchMethod.EXACT : method, options.threads(),
                constructions, feasibleConstructions, moveEvaluations, evaluations, exactNodes, elapsed);
        List<String> explanation = elitePlacements.isEmpty() ? InfeasibilityExplainer.explain(problem) : List.of();
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
        EliteSet elite = workerElite(worker);
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

    private static EliteSet workerElite(SearchWorker worker) {
        return worker.elite();
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
