package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class OptimizerInvariantsTest {
    private static final List<String> TYPES = List.of("K80", "M60");

    /** A random cluster and job set; shared-GPU configurations only for jobs small enough (memory ≤ 6 GB gets 0.25, ≤ 12 GB 0.5). */
    static SchedulingProblem randomProblem(long seed, double now, Map<String, Assignment> running) {
        Random random = new Random(seed);
        List<Node> nodes = new ArrayList<>();
        int nodeCount = 1 + random.nextInt(4);
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(new Node("n" + i, TYPES.get(random.nextInt(2)), 1 + random.nextInt(8), 0));
        }
        List<JobState> jobs = new ArrayList<>();
        int jobCount = 1 + random.nextInt(14);
        for (int j = 0; j < jobCount; j++) {
            Map<Configuration, Double> profile = new LinkedHashMap<>();
            double memory = 4 + random.nextInt(9);
            for (String type : TYPES) {
                double single = 50 + random.nextDouble() * 200;
                for (int n = 1; n <= 8; n++) {
                    if (n == 1 || random.nextDouble() < 0.6) {
                        profile.put(Configuration.of(type, n), single / Math.pow(n, 0.3 + random.nextDouble() * 0.4));
                    }
                }
                if (memory <= 6) {
                    profile.put(Configuration.shared(type, 0.25), single * 1.05);
                }
                if (memory <= 12) {
                    profile.put(Configuration.shared(type, 0.5), single * 1.02);
                }
            }
            Job job = new Job("J" + j, 0, now + 1000 + random.nextDouble() * 400_000, 0.001 + random.nextDouble() * 0.05,
                100 + random.nextInt(1000), profile, memory, "", "");
            jobs.add(new JobState(job, random.nextDouble() * 0.5));
        }
        return new SchedulingProblem(now, jobs, nodes, Fixtures.simpleK80Costs(), running);
    }

    static void assertFeasible(SchedulingProblem problem, Plan plan) {
        Map<String, Node> nodes = new HashMap<>();
        problem.nodes().forEach(node -> nodes.put(node.id(), node));
        Map<String, JobState> jobs = new HashMap<>();
        problem.jobs().forEach(job -> jobs.put(job.id(), job));
        Map<String, Integer> whole = new HashMap<>();
        Map<String, List<Double>> fractions = new HashMap<>();
        for (Assignment assignment : plan.assignments().values()) {
            Node node = nodes.get(assignment.nodeId());
            assertThat(node).as("node of %s", assignment.jobId()).isNotNull();
            assertThat(assignment.configuration().gpuType()).isEqualTo(node.gpuType());
            assertThat(jobs.get(assignment.jobId()).job().allows(assignment.configuration())).isTrue();
            if (assignment.configuration().isShared()) {
                fractions.computeIfAbsent(node.id(), id -> new ArrayList<>()).add(assignment.configuration().fraction());
            } else {
                whole.merge(node.id(), assignment.configuration().gpus(), Integer::sum);
            }
        }
        for (Node node : problem.nodes()) {
            int wholeGpus = whole.getOrDefault(node.id(), 0);
            double shared = fractions.getOrDefault(node.id(), List.of()).stream().mapToDouble(Double::doubleValue).sum();
            // No GPU over-assigned: whole GPUs plus at least the GPUs the shares need fit the node.
            assertThat(wholeGpus + Math.ceil(shared - 1e-9)).as("GPUs used on %s", node.id()).isLessThanOrEqualTo(node.gpus());
        }
        assertThat(plan.assignments().size() + plan.postponed().size()).isEqualTo(problem.jobs().size());
    }

    @Property(tries = 60)
    void everyPolicyGivesAFeasiblePlan(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SchedulingProblem first = randomProblem(seed, 0, Map.of());
        Plan initial = Policies.create("G", OptimizerOptions.defaults()).schedule(first);
        assertFeasible(first, initial);
        SchedulingProblem later = randomProblem(seed, 0, initial.assignments());
        for (String name : Policies.NAMES) {
            SchedulingPolicy policy = Policies.create(name, OptimizerOptions.defaults().withIterations(10).withSeed(seed));
            Plan plan = policy.schedule(later);
            assertFeasible(later, plan);
            if (!policy.preemptive()) {
                // The baselines never move a running job.
                initial.assignments().forEach((id, assignment) -> assertThat(plan.assignments().get(id)).isEqualTo(assignment));
            }
        }
    }

    @Property(tries = 20)
    void sameSeedGivesTheSamePlan(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SchedulingProblem problem = randomProblem(seed, 500, Map.of());
        for (String name : List.of("RG", "LS", "PR")) {
            Plan one = Policies.create(name, OptimizerOptions.defaults().withIterations(15).withSeed(seed)).schedule(problem);
            Plan two = Policies.create(name, OptimizerOptions.defaults().withIterations(15).withSeed(seed)).schedule(problem);
            assertThat(one).isEqualTo(two);
        }
    }

    @Property(tries = 30)
    void searchNeverEndsAboveTheGreedyOnItsOwnProxy(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SchedulingProblem problem = randomProblem(seed, 0, Map.of());
        OptimizerOptions options = OptimizerOptions.defaults().withIterations(20).withSeed(seed);
        double greedy = Policies.create("G", options).schedule(problem).estimatedCost();
        for (String name : List.of("RG", "LS", "PR")) {
            assertThat(Policies.create(name, options).schedule(problem).estimatedCost()).isLessThanOrEqualTo(greedy + 1e-9);
        }
    }
}
