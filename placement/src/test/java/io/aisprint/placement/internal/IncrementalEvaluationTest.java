package io.aisprint.placement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.placement.Semantics;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Incremental re-evaluation of a size change gives exactly what a full evaluation gives. */
class IncrementalEvaluationTest {
    @Test
    void sizeChangesMatchFullEvaluationOnRandomPlacements() throws Exception {
        Path anchorsRoot = io.aisprint.testsupport.Anchors.require();
        for (String instance : new String[] {"Light/10c/ins05", "Strict/15c/ins04", "Light/05c/ins03"}) {
            SystemDescription system = SystemReaders.read(anchorsRoot
                    .resolve("space4ai-d/cpp_dt_general_workflows").resolve(instance).resolve("system_description.json"));
            CompiledProblem p = CompiledProblem.compile(system, 1.8, Semantics.cpp());
            SearchWorker worker = new SearchWorker(p, 5, new EliteSet(1), null);
            Evaluator incremental = new Evaluator(p);
            Evaluator full = new Evaluator(p);
            SplittableRandom random = new SplittableRandom(9);
            int compared = 0;
            Assignment a = new Assignment(p);
            for (int trial = 0; trial < 3000 && compared < 300; trial++) {
                if (!worker.construct(a)) {
                    continue;
                }
                for (int r = 0; r < p.resourceCount; r++) {
                    a.instances[r] = p.maxInstances[r];
                }
                if (!incremental.evaluate(a, true)) {
                    continue;
                }
                for (int change = 0; change < 5; change++) {
                    int r = random.nextInt(p.resourceCount);
                    if (!incremental.used[r] || p.isFaas[r]) {
                        continue;
                    }
                    int before = a.instances[r];
                    a.instances[r] = 1 + random.nextInt(p.maxInstances[r]);
                    boolean fast = incremental.evaluateSizeChange(a, r);
                    boolean slow = full.evaluate(a, false);
                    assertThat(fast).isEqualTo(slow);
                    assertThat(incremental.cost).isCloseTo(full.cost, org.assertj.core.api.Assertions.within(1e-9));
                    assertThat(incremental.componentTime).containsExactly(full.componentTime);
                    assertThat(incremental.pathTime).containsExactly(full.pathTime);
                    compared++;
                    if (!slow) {
                        // The incremental contract starts from a feasible state: go back to it.
                        a.instances[r] = before;
                        assertThat(incremental.evaluateSizeChange(a, r)).isTrue();
                        assertThat(incremental.pathTime).containsExactly(full.evaluate(a, false) ? full.pathTime : null);
                    }
                }
            }
            assertThat(compared).isGreaterThan(20);
        }
    }
}
