package io.aisprint.placement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.placement.Semantics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Randomised check of {@link IncrementalEvaluator}: from random feasible and infeasible placements,
 * random structural moves (and size changes) re-evaluated incrementally give what a full evaluation
 * gives, and undo restores the previous state bit for bit.
 */
class StructuralMoveTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void movesOnGeneratedSystemsMatchFullEvaluation() {
        int compared = 0;
        int infeasible = 0;
        for (long seed = 1; seed <= 12; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int components = 3 + random.nextInt(10);
            SystemDescription system = Generated.system(random, components);
            for (Semantics semantics : new Semantics[] {Semantics.cpp(), Semantics.python()}) {
                CompiledProblem p = CompiledProblem.compile(system, 0.4 + random.nextDouble() * 1.6, semantics);
                int[] counts = exercise(p, seed * 31, 400);
                compared += counts[0];
                infeasible += counts[1];
            }
        }
        assertThat(compared).isGreaterThan(3000);
        assertThat(infeasible).isGreaterThan(300);
    }

    @Test
    void movesOnEveryAnchorMatchFullEvaluation() throws Exception {
        Path anchorsRoot = io.aisprint.testsupport.Anchors.require();
        Path root = anchorsRoot.resolve("space4ai-d/cpp_dt_general_workflows");
        List<Path> instances = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.getFileName().toString().equals("system_description.json")).sorted().forEach(instances::add);
        }
        assertThat(instances).hasSize(80);
        int compared = 0;
        int infeasible = 0;
        long seed = 7;
        for (Path file : instances) {
            SystemDescription system = SystemReaders.read(file);
            CompiledProblem p = CompiledProblem.compile(system, 1.8, seed % 2 == 0 ? Semantics.cpp() : Semantics.python());
            int[] counts = exercise(p, seed++, 100);
            compared += counts[0];
            infeasible += counts[1];
        }
        assertThat(compared).isGreaterThan(7000);
        assertThat(infeasible).isGreaterThan(400);
    }

    /** Runs {@code moves} random moves from random starts; returns {compared, infeasible results}. */
    private static int[] exercise(CompiledProblem p, long seed, int moves) {
        SplittableRandom random = new SplittableRandom(seed);
        SearchWorker constructor = new SearchWorker(p, seed, new EliteSet(1), null);
        Moves neighbourhood = new Moves(p);
        IncrementalEvaluator incremental = new IncrementalEvaluator(p);
        Evaluator full = new Evaluator(p);
        full.recordAll = true;
        Assignment current = new Assignment(p);
        Assignment candidate = new Assignment(p);
        int compared = 0;
        int infeasible = 0;
        int starts = 0;
        for (int attempt = 0; attempt < 20 * moves && compared < moves; attempt++) {
            if (compared >= starts * 40) {
                if (!constructor.construct(current)) {
                    continue;
                }
                randomSizes(p, current, random);
                incremental.load(current);
                assertSame(p, incremental, full, current, "load");
                starts++;
            }
            candidate.copyFrom(current);
            if (random.nextInt(4) == 0) {
                rawMove(p, candidate, random);
            } else if (!neighbourhood.apply(candidate, random)) {
                continue;
            }
            if (random.nextInt(3) == 0) {
                randomSizes(p, candidate, random);
            }
            Snapshot previous = new Snapshot(p, incremental);
            // Half the moves stop at the first broken rule, as the searches do; the rest settles on demand.
            boolean feasible = incremental.apply(candidate, random.nextBoolean());
            assertThat(feasible).as("move " + compared + ": returned feasibility").isEqualTo(full.evaluate(candidate, false));
            assertSame(p, incremental, full, candidate, "move " + compared);
            compared++;
            infeasible += feasible ? 0 : 1;
            if (random.nextInt(3) == 0) {
                incremental.undo();
                incremental.settle();
                assertThat(new Snapshot(p, incremental).equals(previous)).as("undo restores the state").isTrue();
                assertThat(incremental.current().deployment).containsExactly(current.deployment);
            } else {
                current.copyFrom(candidate);
            }
        }
        return new int[] {compared, infeasible};
    }

    /**
     * A move the search neighbourhood never makes: any compatible resource for one partition, or a
     * new deployment placed at random, ignoring the layer and move-back rules (to reach every rule).
     */
    private static void rawMove(CompiledProblem p, Assignment a, SplittableRandom random) {
        int c = random.nextInt(p.componentCount);
        int[] deployments = p.componentDeployments[c];
        if (random.nextBoolean()) {
            int[] chain = p.deploymentSlots[deployments[a.deployment[c]]];
            int s = chain[random.nextInt(chain.length)];
            a.resource[s] = p.slotCandidates[s][random.nextInt(p.slotCandidates[s].length)];
            return;
        }
        for (int s : p.deploymentSlots[deployments[a.deployment[c]]]) {
            a.resource[s] = -1;
        }
        a.deployment[c] = random.nextInt(deployments.length);
        for (int s : p.deploymentSlots[deployments[a.deployment[c]]]) {
            a.resource[s] = p.slotCandidates[s][random.nextInt(p.slotCandidates[s].length)];
        }
    }

    /** Mostly maximum sizes (as the searches use), sometimes any size, now and then out of bounds. */
    private static void randomSizes(CompiledProblem p, Assignment a, SplittableRandom random) {
        for (int r = 0; r < p.resourceCount; r++) {
            int max = p.maxInstances[r];
            int roll = random.nextInt(10);
            a.instances[r] = roll < 5 ? max : roll < 9 ? 1 + random.nextInt(Math.max(1, max)) : random.nextInt(max + 2);
        }
    }

    private static void assertSame(CompiledProblem p, IncrementalEvaluator incremental, Evaluator full, Assignment a,
            String where) {
        boolean expected = full.evaluate(a, false);
        assertThat(incremental.feasible()).as(where + ": feasibility").isEqualTo(expected);
        assertThat(incremental.violations()).as(where + ": broken rules").isEqualTo(full.violations);
        close(incremental.cost, full.cost, where + ": cost");
        for (int c = 0; c < p.componentCount; c++) {
            close(incremental.componentTime[c], full.componentTime[c], where + ": time of " + p.componentName[c]);
        }
        for (int q = 0; q < p.pathCount; q++) {
            close(incremental.pathTime[q], full.pathTime[q], where + ": time of path " + p.pathName[q]);
        }
        for (int r = 0; r < p.resourceCount; r++) {
            assertThat(incremental.used[r]).as(where + ": use of " + r).isEqualTo(full.used[r]);
            if (full.used[r]) {
                close(incremental.utilization[r], full.utilization[r], where + ": utilisation of " + r);
            }
        }
    }

    private static void close(double actual, double expected, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertThat(Double.compare(actual, expected)).as(what + String.format(Locale.ROOT, " %s vs %s", actual, expected))
                    .isZero();
            return;
        }
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertThat(Math.abs(actual - expected) / scale).as(what + String.format(Locale.ROOT, " %s vs %s", actual, expected))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    /** Every number of the incremental state, compared bit for bit. */
    private record Snapshot(List<Object> values) {
        Snapshot(CompiledProblem p, IncrementalEvaluator e) {
            this(List.of(e.placed.clone(), e.used.clone(), e.demandRate.clone(), e.memoryUsed.clone(), e.utilization.clone(),
                    e.resourceCost.clone(), e.slotTime.clone(), e.componentTime.clone(), e.pathTime.clone(),
                    e.cost, e.feasible(), e.violations(), e.current().copy()));
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Snapshot that)) {
                return false;
            }
            for (int i = 0; i < values.size(); i++) {
                Object a = values.get(i);
                Object b = that.values.get(i);
                boolean same = a instanceof Assignment x && b instanceof Assignment y
                        ? java.util.Arrays.equals(x.deployment, y.deployment) && java.util.Arrays.equals(x.resource, y.resource)
                                && java.util.Arrays.equals(x.instances, y.instances)
                        : java.util.Objects.deepEquals(a, b);
                if (!same) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
