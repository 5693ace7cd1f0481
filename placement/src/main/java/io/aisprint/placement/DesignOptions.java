package io.aisprint.placement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;

/**
 * How to search.
 *
 * @param method      which search
 * @param timeLimit   wall-clock budget (null: none, then {@code iterations} must be set)
 * @param iterations  step budget per thread (random-greedy constructions, then as many neighbour
 *                    evaluations; branch and bound may visit a thousand nodes per step); {@code 0}
 *                    means unbounded (then a time limit must be set)
 * @param seed        base seed; thread i uses seed + i, so a seed and a thread count reproduce an
 *                    rg/ls/tabu/sa run bounded by iterations (auto/exact runs branch and bound beside
 *                    the heuristics: their proved optimum is reproducible, their elite list may vary)
 * @param threads     worker threads (at least 1)
 * @param eliteSize   how many distinct best placements to keep
 * @param semantics   C++ (default) or Python model semantics
 * @param progress    called with the best cost whenever it improves (may be null)
 * @param nanoClock   the clock budgets are measured on ({@code System::nanoTime} outside tests)
 */
public record DesignOptions(
        SearchMethod method,
        Duration timeLimit,
        long iterations,
        long seed,
        int threads,
        int eliteSize,
        Semantics semantics,
        DoubleConsumer progress,
        LongSupplier nanoClock) {

    public DesignOptions {
        List<String> problems = new ArrayList<>();
        if (method == null) {
            problems.add("method is missing");
        }
        if (timeLimit == null && iterations <= 0) {
            problems.add("set a time limit or an iteration budget (both are unbounded)");
        }
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
            problems.add("time limit must be positive, got " + timeLimit);
        }
        if (iterations < 0) {
            problems.add("iterations must be ≥ 0, got " + iterations);
        }
        if (threads < 1) {
            problems.add("threads must be ≥ 1, got " + threads);
        }
        if (eliteSize < 1) {
            problems.add("elite size must be ≥ 1, got " + eliteSize);
        }
        if (!problems.isEmpty()) {
            throw new PlacementException("invalid design options: " + String.join("; ", problems));
        }
        semantics = semantics == null ? Semantics.cpp() : semantics;
        nanoClock = nanoClock == null ? System::nanoTime : nanoClock;
    }

    /** Defaults: auto method, 10 s, seed 1, all cores, elite of 10, C++ semantics. */
    public static DesignOptions defaults() {
        return new DesignOptions(SearchMethod.AUTO, Duration.ofSeconds(10), 0, 1,
                Runtime.getRuntime().availableProcessors(), 10, Semantics.cpp(), null, null);
    }

    public DesignOptions withMethod(SearchMethod value) {
        return new DesignOptions(value, timeLimit, iterations, seed, threads, eliteSize, semantics, progress, nanoClock);
    }

    public DesignOptions withTimeLimit(Duration value) {
        return new DesignOptions(method, value, iterations, seed, threads, eliteSize, semantics, progress, nanoClock);
    }

    public DesignOptions withIterations(long value) {
        return new DesignOptions(method, timeLimit, value, seed, threads, eliteSize, semantics, progress, nanoClock);
    }

    public DesignOptions withSeed(long value) {
        return new DesignOptions(method, timeLimit, iterations, value, threads, eliteSize, semantics, progress, nanoClock);
    }

    public DesignOptions withThreads(int value) {
        return new DesignOptions(method, timeLimit, iterations, seed, value, eliteSize, semantics, progress, nanoClock);
    }

    public DesignOptions withSemantics(Semantics value) {
        return new DesignOptions(method, timeLimit, iterations, seed, threads, eliteSize, value, progress, nanoClock);
    }

    public DesignOptions withProgress(DoubleConsumer value) {
        return new DesignOptions(method, timeLimit, iterations, seed, threads, eliteSize, semantics, value, nanoClock);
    }
}
