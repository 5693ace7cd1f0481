package io.aisprint.learn.nas;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.time.Duration;
import java.util.List;

/**
 * What a search looks for and how hard it tries. Latencies are per inference at batch 1, in
 * seconds; a candidate is feasible when it meets {@code latencyLimit} on every target and needs at
 * most {@code memoryLimitMb}. A target's latency is this machine's measured or predicted latency
 * divided by the target's speed (as a worker started with {@code --speed F} emulates a slower
 * device). The search gets {@code searchShare} of the budget, the finalists' full training the rest.
 */
public record NasSettings(List<Target> targets, double latencyLimit, double memoryLimitMb, Duration budget, Strategy strategy,
        int maxBlocks, int childrenPerStep, int filters, int cellsPerMotif, int proxyExamples, int proxyValidation,
        int finalists, int finalEpochs, int batchSize, double searchShare, int auditDiscarded, long seed) {

    /** POPNAS-style progressive search with predictors, or the plain random-search baseline. */
    public enum Strategy {
        POPNAS, RANDOM
    }

    /** A resource the network must run on, and its speed relative to this machine (1 = as fast). */
    public record Target(String name, double speed) {
    }

    public NasSettings {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw invalid("--target: give at least one target resource.");
        }
        for (Target target : targets) {
            if (!(target.speed() > 0) || Double.isInfinite(target.speed())) {
                throw invalid("--speed " + target.name() + "=" + target.speed() + ": expected a speed > 0 (1 = this machine).");
            }
        }
        if (!(latencyLimit > 0)) {
            throw invalid("--latency-limit " + latencyLimit + ": expected seconds > 0.");
        }
        if (!(memoryLimitMb > 0)) {
            throw invalid("--memory-limit " + memoryLimitMb + ": expected MB > 0.");
        }
        if (budget.isNegative() || budget.isZero()) {
            throw invalid("--budget-minutes: expected minutes > 0.");
        }
        if (maxBlocks < 1 || maxBlocks > 5) {
            throw invalid("--max-blocks " + maxBlocks + ": expected 1 to 5 (POPNAS's cells have up to 5 blocks).");
        }
        if (childrenPerStep < 1 || filters < 4 || cellsPerMotif < 1 || proxyExamples < 100 || proxyValidation < 100
            || finalists < 1 || finalEpochs < 1 || batchSize < 1 || !(searchShare > 0 && searchShare < 1) || auditDiscarded < 0) {
            throw invalid(String.format("search settings out of range: children %d (>= 1), filters %d (>= 4), cells per motif %d (>= 1), "
                + "proxy examples %d and validation %d (>= 100), finalists %d (>= 1), final epochs %d (>= 1), batch %d (>= 1), "
                + "search share %s (between 0 and 1), audit %d (>= 0).", childrenPerStep, filters, cellsPerMotif, proxyExamples,
                proxyValidation, finalists, finalEpochs, batchSize, searchShare, auditDiscarded));
        }
    }

    /** The defaults `aisprint learn nas` uses, for these targets and limits. */
    public static NasSettings defaults(List<Target> targets, double latencyLimit, double memoryLimitMb, Duration budget) {
        return new NasSettings(targets, latencyLimit, memoryLimitMb, budget, Strategy.POPNAS, 3, 8, 16, 1, 10_000, 2_000, 3, 4, 64,
            0.55, 0, 42);
    }

    public NasSettings with(Strategy newStrategy, long newSeed, int newAudit) {
        return new NasSettings(targets, latencyLimit, memoryLimitMb, budget, newStrategy, maxBlocks, childrenPerStep, filters,
            cellsPerMotif, proxyExamples, proxyValidation, finalists, finalEpochs, batchSize, searchShare, newAudit, newSeed);
    }

    /** The slowest target's speed: the one a latency limit binds on. */
    double slowestSpeed() {
        return targets.stream().mapToDouble(Target::speed).min().orElseThrow();
    }

    private static LearnException invalid(String message) {
        return new LearnException(LearnErrorCode.INVALID_OPTION, message);
    }
}
