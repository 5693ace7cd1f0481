package io.aisprint.gpu.internal;

import io.aisprint.gpu.Plan;
import io.aisprint.gpu.Proxy;
import io.aisprint.gpu.SchedulingPolicy;
import io.aisprint.gpu.SchedulingProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The non-preemptive first-principle baselines. Running jobs keep their node and configuration;
 * waiting jobs, in the baseline's queue order, take the cheapest configuration that meets their
 * due date (else the fastest) that fits on the free GPUs now, best fit; the others keep waiting.
 */
public final class FirstPrinciplePolicy implements SchedulingPolicy {
    private final String name;
    private final Comparator<Instance.Key> order;

    private FirstPrinciplePolicy(String name, Comparator<Instance.Key> order) {
        this.name = name;
        this.order = order;
    }

    public static FirstPrinciplePolicy fifo() {
        return new FirstPrinciplePolicy("FIFO", Comparator.comparingDouble(Instance.Key::release));
    }

    public static FirstPrinciplePolicy edf() {
        return new FirstPrinciplePolicy("EDF", Comparator.comparingDouble(Instance.Key::dueDate));
    }

    public static FirstPrinciplePolicy priority() {
        return new FirstPrinciplePolicy("PS", Comparator.comparingDouble((Instance.Key key) -> -key.weight()));
    }

    /** The three baseline queue orders, for the optimizer's baseline-seeded starts. */
    static List<Comparator<Instance.Key>> orders() {
        return List.of(fifo().order, edf().order, priority().order);
    }

    /**
     * The baseline's plan: running jobs stay as they are; waiting jobs in queue order take the
     * first configuration of their preference order that fits now.
     */
    static Solution build(Instance instance, Greedy greedy, Comparator<Instance.Key> order) {
        Solution solution = new Solution(instance);
        List<Instance.Key> waiting = new ArrayList<>();
        for (int j = 0; j < instance.jobCount; j++) {
            if (instance.currentNode[j] >= 0) {
                solution.assign(j, instance.currentCandidate[j], instance.currentNode[j]);
            } else {
                waiting.add(instance.key(j));
            }
        }
        waiting.sort(order.thenComparing(Instance.Key::id));
        for (Instance.Key key : waiting) {
            for (int candidate : greedy.preferenceOrder(key.index())) {
                int node = greedy.chooseNode(solution, key.index(), candidate, 0, null);
                if (node >= 0) {
                    solution.assign(key.index(), candidate, node);
                    break;
                }
            }
        }
        return solution;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean preemptive() {
        return false;
    }

    @Override
    public Plan schedule(SchedulingProblem problem) {
        Instance instance = new Instance(problem);
        Evaluator evaluator = new Evaluator(instance, Proxy.FIRST_PRINCIPLE);
        Greedy greedy = new Greedy(instance, evaluator);
        Solution solution = build(instance, greedy, order);
        return Plans.toPlan(solution, evaluator.cost(solution), evaluator.horizon(solution));
    }
}
