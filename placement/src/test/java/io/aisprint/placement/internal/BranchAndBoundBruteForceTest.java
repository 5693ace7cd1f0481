package io.aisprint.placement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.placement.Semantics;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * The exact search against every placement enumerated, on seeded generated systems of up to five
 * components: the optimum it proves is the true optimum, and a bound it reports when stopped early
 * never exceeds the cost of any feasible placement.
 */
class BranchAndBoundBruteForceTest {
    private static final double MAX_PLACEMENTS = 400_000;
    /** Feasible systems compared for each size from 2 to 5 components (larger ones are rarely small enough to enumerate). */
    private static final int FEASIBLE_PER_SIZE = 8;

    @Test
    void theProvedOptimumIsTheCheapestOfEveryPlacement() {
        int compared = 0;
        int feasibleSystems = 0;
        int[] feasibleBySize = new int[6];
        int[] comparedBySize = new int[6];
        for (long seed = 1; !allDone(feasibleBySize, comparedBySize) && seed < 20000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int components = 2 + (int) (seed % 4);
            if (done(components, feasibleBySize, comparedBySize)) {
                continue;
            }
            CompiledProblem p = CompiledProblem.compile(Generated.system(random, components), 0.2 + (seed % 5) * 0.1,
                seed % 2 == 0 ? Semantics.cpp() : Semantics.python());
            if (BruteForce.size(p) > MAX_PLACEMENTS) {
                continue;
            }
            BruteForce.Result truth = BruteForce.solve(p);
            BranchAndBound.Outcome exact = new BranchAndBound(p, unlimited(), null, Double.POSITIVE_INFINITY).solve();
            assertThat(exact.proved()).as("seed %d proved", seed).isTrue();
            if (truth.feasible() == 0) {
                assertThat(exact.best()).as("seed %d: no feasible placement exists", seed).isNull();
            } else {
                feasibleSystems++;
                feasibleBySize[components]++;
                assertThat(exact.best()).as("seed %d found a placement", seed).isNotNull();
                assertThat(exact.cost()).as("seed %d optimum (%d components, %d feasible of %d)", seed, components,
                    truth.feasible(), truth.evaluated()).isCloseTo(truth.optimum(), org.assertj.core.data.Offset.offset(1e-9 * (1 + truth.optimum())));
                Evaluator check = new Evaluator(p);
                assertThat(check.evaluate(exact.best())).as("seed %d: the proved placement is feasible", seed).isTrue();
                assertThat(check.cost).isCloseTo(exact.cost(), org.assertj.core.data.Offset.offset(1e-9 * (1 + exact.cost())));
            }
            compared++;
            comparedBySize[components]++;
        }
        assertThat(compared - feasibleSystems).as("systems with no feasible placement, where the search must find none").isPositive();
        assertThat(feasibleSystems).as("systems with a feasible placement").isGreaterThanOrEqualTo(4 * FEASIBLE_PER_SIZE);
        assertThat(allDone(feasibleBySize, comparedBySize)).as("systems of 2, 3, 4 and 5 components compared: %s, feasible %s",
            java.util.Arrays.toString(comparedBySize), java.util.Arrays.toString(feasibleBySize)).isTrue();
    }

    /**
     * Whether systems of this size need no more comparing: {@link #FEASIBLE_PER_SIZE} feasible ones,
     * and for the cheap 2- and 3-component sizes fifty in all (so that some with none feasible come up).
     */
    private static boolean done(int components, int[] feasibleBySize, int[] comparedBySize) {
        return feasibleBySize[components] >= FEASIBLE_PER_SIZE && comparedBySize[components] >= (components <= 3 ? 50 : 0);
    }

    private static boolean allDone(int[] feasibleBySize, int[] comparedBySize) {
        for (int components = 2; components <= 5; components++) {
            if (!done(components, feasibleBySize, comparedBySize)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stopped part-way (a clock that ticks once per budget check, read at every node, and a deadline
     * before the tick the whole search takes), the search reports a lower bound no feasible placement
     * is cheaper than. It must really be stopped: a search that finishes proves the optimum and says
     * nothing about the bound.
     */
    @Property(tries = 40)
    void aBoundFromAnInterruptedSearchNeverExceedsAFeasibleCost(@ForAll @LongRange(min = 1, max = 100_000) long seed,
            @ForAll @IntRange(min = 2, max = 5) int components,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double stopAt, @ForAll boolean python) {
        Enumerated system = enumerable(seed, components, python ? Semantics.python() : Semantics.cpp());
        Assume.that(system != null);
        CompiledProblem p = system.problem();
        BruteForce.Result truth = system.truth();

        AtomicLong ticks = new AtomicLong();
        new BranchAndBound(p, new Budget(ticks::incrementAndGet, Long.MAX_VALUE, Long.MAX_VALUE, new AtomicBoolean()), null,
            Double.POSITIVE_INFINITY).checkingBudgetEvery(1).solve();
        long whole = ticks.get();
        Assume.that(whole >= 2);
        long deadline = 1 + (long) (stopAt * (whole - 1));
        ticks.set(0);
        BranchAndBound.Outcome stopped = new BranchAndBound(p, new Budget(ticks::incrementAndGet, deadline, Long.MAX_VALUE,
            new AtomicBoolean()), null, Double.POSITIVE_INFINITY).checkingBudgetEvery(1).solve();
        assertThat(stopped.proved()).as("seed %d: stopped at check %d of %d", seed, deadline, whole).isFalse();

        double slack = 1e-9 * (1 + truth.optimum());
        assertThat(stopped.lowerBound()).as("seed %d: lower bound vs the cheapest of %d feasible placements", seed, truth.feasible())
            .isLessThanOrEqualTo(truth.optimum() + slack);
        if (stopped.best() != null) {
            assertThat(stopped.cost()).isGreaterThanOrEqualTo(truth.optimum() - slack);
            assertThat(stopped.lowerBound()).as("bound vs the incumbent").isLessThanOrEqualTo(stopped.cost() + slack);
        }
        if (stopped.proved()) {
            assertThat(stopped.cost()).isCloseTo(truth.optimum(), org.assertj.core.data.Offset.offset(slack));
        }
    }

    /**
     * The bounds the proof prunes with, against every feasible placement enumerated: the fewest
     * instances a resource's load and memory need, and the sizes the limits of finished components
     * force (checked at every depth of the search), never exceed the size the placement has; and
     * the limit check of finished components never rejects it. A bound above a feasible placement
     * would let the exact search prune it, so the proved optimum could be wrong where the optimum
     * itself is not the placement pruned.
     */
    @Property(tries = 30)
    void noBoundOfTheProofExceedsWhatAFeasiblePlacementHas(@ForAll @LongRange(min = 1, max = 100_000) long seed,
            @ForAll @IntRange(min = 2, max = 5) int components, @ForAll boolean python) {
        Enumerated system = enumerable(seed, components, python ? Semantics.python() : Semantics.cpp());
        Assume.that(system != null);
        CompiledProblem p = system.problem();
        LimitBound limits = new LimitBound(p);
        int[] need = new int[p.resourceCount];
        long[] checked = new long[1];
        BruteForce.Result truth = BruteForce.solve(p, (placement, evaluation) -> {
            for (int last = 0; last < p.componentCount; last++) {
                assertThat(limits.withinLimits(placement, evaluation.demandRate, last))
                    .as("seed %d: components 0..%d of a feasible placement within their limits", seed, last).isTrue();
                java.util.Arrays.fill(need, 0);
                limits.forceSizes(evaluation.demandRate, last, need);
                for (int r = 0; r < p.resourceCount; r++) {
                    if (!evaluation.used[r] || p.isFaas[r]) {
                        continue;
                    }
                    int size = placement.instances[r];
                    assertThat(need[r]).as("seed %d: size forced on %s at depth %d vs a feasible %d", seed,
                        p.resource[r].name(), last, size).isLessThanOrEqualTo(size);
                    assertThat(p.minimumInstances(r, evaluation.demandRate[r], evaluation.memoryUsed[r]))
                        .as("seed %d: fewest instances of %s vs a feasible %d", seed, p.resource[r].name(), size)
                        .isLessThanOrEqualTo(size);
                }
            }
            checked[0]++;
        });
        assertThat(checked[0]).isEqualTo(truth.feasible()).isPositive();
    }

    private record Enumerated(CompiledProblem problem, BruteForce.Result truth) {
    }

    /** The first generated system from {@code seed} on that is small enough to enumerate and has a feasible placement; null if none within 200 seeds. */
    private static Enumerated enumerable(long seed, int components, Semantics semantics) {
        for (long s = seed; s < seed + 200; s++) {
            CompiledProblem candidate = CompiledProblem.compile(Generated.system(new SplittableRandom(s), components), 0.3, semantics);
            if (BruteForce.size(candidate) <= MAX_PLACEMENTS) {
                BruteForce.Result truth = BruteForce.solve(candidate);
                if (truth.feasible() > 0) {
                    return new Enumerated(candidate, truth);
                }
            }
        }
        return null;
    }

    private static Budget unlimited() {
        return new Budget(System::nanoTime, Long.MAX_VALUE, Long.MAX_VALUE, new AtomicBoolean());
    }
}
