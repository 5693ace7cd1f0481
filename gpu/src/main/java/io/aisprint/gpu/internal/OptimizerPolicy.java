package io.aisprint.gpu.internal;

import io.aisprint.gpu.OptimizerOptions;
import io.aisprint.gpu.Plan;
import io.aisprint.gpu.SchedulingPolicy;
import io.aisprint.gpu.SchedulingProblem;
import java.util.Random;

/** The preemptive optimizer: greedy, randomized greedy, local search and path relinking. */
public final class OptimizerPolicy implements SchedulingPolicy {
    private final String name;
    private final OptimizerOptions options;
    private final boolean randomized;
    private final boolean localSearch;
    private final boolean pathRelinking;

    public OptimizerPolicy(String name, OptimizerOptions options, boolean randomized, boolean localSearch, boolean pathRelinking) {
        this.name = name;
        this.options = options;
        this.randomized = randomized;
        this.localSearch = localSearch;
        this.pathRelinking = pathRelinking;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean preemptive() {
        return true;
    }

    @Override
    public Plan schedule(SchedulingProblem problem) {
        long started = System.nanoTime();
        Instance instance = new Instance(problem);
        Evaluator evaluator = new Evaluator(instance, options.proxy());
        Greedy greedy = new Greedy(instance, evaluator);
        // One stream per decision, derived from the seed and the clock of the problem, so a
        // replay of the same events gives the same plans.
        Random random = new Random(options.seed() * 1_000_003L + Double.doubleToLongBits(problem.now()));
        ElitePool pool = new ElitePool(options.eliteSize());
        Solution first = greedy.build(Greedy.Randomness.NONE, random);
        pool.offer(first, evaluator.cost(first));
        // The time limit covers every phase; the deterministic starts always run.
        long deadline = options.timeLimitMillis() > 0 ? started + options.timeLimitMillis() * 1_000_000L : Long.MAX_VALUE;
        if (randomized && instance.jobCount > 0) {
            // A second deterministic start that favours throughput when jobs are late anyway.
            Solution thrifty = greedy.withLateOrder(Greedy.LateOrder.CHEAPEST).build(Greedy.Randomness.NONE, random);
            pool.offer(thrifty, evaluator.cost(thrifty));
            Solution weightedShortest = greedy.weightedShortest().build(Greedy.Randomness.NONE, random);
            pool.offer(weightedShortest, evaluator.cost(weightedShortest));
            // Baseline-seeded starts: the FIFO, EDF and Priority plans of this decision, judged
            // by the same proxy, so the search never starts from anything worse than them. Not
            // with GPU sharing: the baselines' slot packing of running shared jobs need not match
            // the GPUs those jobs hold.
            if (!instance.offersSharing()) {
                seedWithBaselines(instance, greedy, evaluator, pool);
            }
            Greedy.Randomness randomness = new Greedy.Randomness(options.alpha(), options.pi(), options.beta());
            // Restarts get 40 % of a time limit, so local search and relinking keep their share.
            long restartDeadline = deadline == Long.MAX_VALUE ? deadline : started + options.timeLimitMillis() * 400_000L;
            for (int i = 0; i < options.iterations() && System.nanoTime() < restartDeadline; i++) {
                Solution candidate = greedy.build(randomness, random);
                pool.offer(candidate, evaluator.cost(candidate));
            }
        }
        if (localSearch) {
            LocalSearch search = new LocalSearch(instance, evaluator, greedy, options.localSearchIterations(), deadline);
            for (ElitePool.Entry entry : pool.entries()) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
                Solution improved = entry.solution().copy();
                double cost = search.improve(improved, entry.cost());
                pool.offer(improved, cost);
            }
        }
        if (pathRelinking) {
            new PathRelinking(instance, evaluator, options.relinkAlpha(), deadline).relink(pool, random);
        }
        ElitePool.Entry best = pool.best();
        return Plans.toPlan(best.solution(), best.cost(), evaluator.horizon(best.solution()));
    }

    private static void seedWithBaselines(Instance instance, Greedy greedy, Evaluator evaluator, ElitePool pool) {
        Greedy baselineGreedy = greedy.withLateOrder(Greedy.LateOrder.FASTEST);
        for (var order : FirstPrinciplePolicy.orders()) {
            Solution seeded = FirstPrinciplePolicy.build(instance, baselineGreedy, order);
            pool.offer(seeded, evaluator.cost(seeded));
        }
    }
}
