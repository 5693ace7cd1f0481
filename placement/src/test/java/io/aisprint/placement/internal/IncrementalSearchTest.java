package io.aisprint.placement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aisprint.placement.Semantics;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Local search, tabu search and annealing priced incrementally walk the same way as with full evaluations. */
class IncrementalSearchTest {
    @Test
    void searchesFindTheSamePlacementsEitherWay() {
        int compared = 0;
        for (long seed = 1; seed <= 8; seed++) {
            CompiledProblem p = CompiledProblem.compile(Generated.system(new SplittableRandom(seed), 6 + (int) seed),
                    0.3, seed % 2 == 0 ? Semantics.cpp() : Semantics.python());
            List<EliteSet.Member> incremental = search(p, seed, true);
            List<EliteSet.Member> full = search(p, seed, false);
            assertThat(incremental).hasSameSizeAs(full);
            for (int i = 0; i < full.size(); i++) {
                assertThat(incremental.get(i).cost()).isCloseTo(full.get(i).cost(), within(1e-9 * full.get(i).cost()));
                assertThat(incremental.get(i).assignment().resource).containsExactly(full.get(i).assignment().resource);
                compared++;
            }
        }
        assertThat(compared).as("elite members compared").isGreaterThan(8);
    }

    private static List<EliteSet.Member> search(CompiledProblem p, long seed, boolean incremental) {
        EliteSet elite = new EliteSet(8);
        SearchWorker worker = new SearchWorker(p, seed, elite, null);
        worker.useIncremental(incremental);
        worker.randomGreedy(steps(500));
        if (elite.isEmpty()) {
            return List.of();
        }
        EliteSet.Member start = elite.members().get(0);
        worker.localSearch(start.assignment(), start.cost(), steps(400));
        worker.tabuSearch(start.assignment(), start.cost(), steps(60), 20, 6);
        worker.simulatedAnnealing(start.assignment(), start.cost(), steps(400), 0.05);
        return elite.members();
    }

    private static Budget steps(long steps) {
        return new Budget(System::nanoTime, Long.MAX_VALUE, steps, new AtomicBoolean());
    }
}
