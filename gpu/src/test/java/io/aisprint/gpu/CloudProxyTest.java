package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.gpu.internal.PlanEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The cloud proxy's queue estimate and the optimizer's baseline-seeded starts. */
class CloudProxyTest {
    private static final VmCatalogue VMS = new VmCatalogue(List.of(
        new VmCatalogue.VmType("k1", "K80", 1, 1.0), new VmCatalogue.VmType("k2", "K80", 2, 2.0),
        new VmCatalogue.VmType("k4", "K80", 4, 4.0), new VmCatalogue.VmType("k8", "K80", 8, 8.0),
        new VmCatalogue.VmType("m1", "M60", 1, 1.2), new VmCatalogue.VmType("m2", "M60", 2, 2.4),
        new VmCatalogue.VmType("m4", "M60", 4, 4.8), new VmCatalogue.VmType("m8", "M60", 8, 9.6)));

    /** An overloaded cloud problem without GPU sharing: many late jobs on few GPUs. */
    static SchedulingProblem overloaded(long seed) {
        Random random = new Random(seed);
        List<Node> nodes = new ArrayList<>();
        int nodeCount = 1 + random.nextInt(3);
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(new Node("n" + i, i % 2 == 0 ? "K80" : "M60", 8, 0));
        }
        List<JobState> jobs = new ArrayList<>();
        int jobCount = 4 + random.nextInt(20);
        for (int j = 0; j < jobCount; j++) {
            Map<Configuration, Double> profile = new LinkedHashMap<>();
            for (String type : List.of("K80", "M60")) {
                double single = 50 + random.nextDouble() * 200;
                for (int n = 1; n <= 8; n *= 2) {
                    profile.put(Configuration.of(type, n), single / Math.pow(n, 0.3 + random.nextDouble() * 0.5));
                }
            }
            Job job = new Job("J" + j, 0, 1000 + random.nextDouble() * 100_000, 0.003 + random.nextDouble() * 0.01,
                100 + random.nextInt(1000), profile, 4, "", "");
            jobs.add(new JobState(job, 0));
        }
        return new SchedulingProblem(0, jobs, nodes, VMS, Map.of());
    }

    @Property(tries = 40)
    void pathRelinkingIsNeverWorseThanABaselinePlanUnderItsOwnProxy(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SchedulingProblem problem = overloaded(seed);
        OptimizerOptions options = OptimizerOptions.defaults().withIterations(5);
        double ours = PlanEvaluation.cost(problem, Policies.create("PR", options).schedule(problem).assignments(), Proxy.FULL_HORIZON);
        for (String baseline : List.of("FIFO", "EDF", "PS")) {
            Plan plan = Policies.create(baseline, options).schedule(problem);
            assertThat(ours).as("PR vs %s", baseline)
                .isLessThanOrEqualTo(PlanEvaluation.cost(problem, plan.assignments(), Proxy.FULL_HORIZON) + 1e-6);
        }
    }

    @Test
    void wideConfigurationWithLittleSpeedUpCostsTheQueueItsGpus() {
        // Eight GPUs make a job only 1.2× faster; the seven extra GPUs would serve the waiting jobs.
        Map<Configuration, Double> sublinear = Map.of(Configuration.of("K80", 1), 100.0, Configuration.of("K80", 8), 100.0 / 1.2);
        List<JobState> jobs = new ArrayList<>();
        for (int j = 0; j < 8; j++) {
            jobs.add(new JobState(new Job("J" + j, 0, 50_000, 0.01, 1000, sublinear, 4, "", ""), 0));
        }
        Node node = new Node("n0", "K80", 8, 0);
        SchedulingProblem problem = new SchedulingProblem(0, jobs, List.of(node), VMS, Map.of());
        Map<String, Assignment> wide = Map.of("J0", new Assignment("J0", "n0", Configuration.of("K80", 8)));
        Map<String, Assignment> lean = Map.of("J0", new Assignment("J0", "n0", Configuration.of("K80", 1)));
        double wideCost = PlanEvaluation.cost(problem, wide, Proxy.FULL_HORIZON);
        double leanCost = PlanEvaluation.cost(problem, lean, Proxy.FULL_HORIZON);
        // Queue of seven jobs: the wide plan holds 8 GPUs for 83 333 s, the lean one 1 GPU for 100 000 s.
        assertThat(wideCost).isGreaterThan(leanCost);
        // And PR does not choose the wide configuration for a job while others wait.
        Plan plan = Policies.create("PR", OptimizerOptions.defaults().withIterations(5)).schedule(problem);
        assertThat(plan.assignments().values()).allSatisfy(a -> assertThat(a.configuration().gpus()).isEqualTo(1));
        assertThat(plan.assignments()).hasSize(8);
    }
}
