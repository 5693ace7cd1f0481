package io.aisprint.gpu.internal;

import io.aisprint.gpu.Assignment;
import io.aisprint.gpu.Configuration;
import io.aisprint.gpu.CostModel;
import io.aisprint.gpu.JobState;
import io.aisprint.gpu.Node;
import io.aisprint.gpu.SchedulingProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scheduling problem turned into arrays for fast search: per job the candidate
 * configurations (those whose GPU type is in the cluster and fit a node), their remaining time
 * and their price when run alone.
 */
public final class Instance {
    final SchedulingProblem problem;
    final double now;
    final int jobCount;
    final int nodeCount;
    final JobState[] jobs;
    final Node[] nodes;
    final CostModel costs;
    /** candidates[j][c]: configuration c of job j. */
    final Configuration[][] candidates;
    /** remaining[j][c]: expected seconds left for job j in configuration c. */
    final double[][] remaining;
    /** aloneCost[j][c]: price of the rest of job j in configuration c (per-hour price × hours). */
    final double[][] aloneCost;
    /** nodesOfCandidate[j][c]: node indices of the configuration's GPU type. */
    final int[][][] nodesOfCandidate;
    final double[] weight;
    /** Seconds a job may need after its planned epochs (early-stopping planning), else 0. */
    final double[] reserve;
    final double[] dueDate;
    final double[] minRemaining;
    final double[] maxRemaining;
    /** Node index where job j runs now, or -1. */
    final int[] currentNode;
    final int[] currentCandidate;
    final boolean cloud;
    /** GPU-seconds left for job j in its leanest configuration (fewest GPU-seconds). */
    final double[] leanWork;
    /** Seconds left for job j in that leanest configuration. */
    final double[] leanTime;
    /** Jobs by weight per lean GPU-second, heaviest first: the queue order of the fluid estimate. */
    final int[] queueOrder;
    /** GPUs of the whole cluster. */
    final int totalGpus;

    public Instance(SchedulingProblem problem) {
        this.problem = problem;
        this.now = problem.now();
        this.jobs = problem.jobs().toArray(JobState[]::new);
        this.nodes = problem.nodes().toArray(Node[]::new);
        this.costs = problem.costs();
        this.cloud = costs.isCloud();
        this.jobCount = jobs.length;
        this.nodeCount = nodes.length;
        Map<String, List<Integer>> nodesByType = new HashMap<>();
        Map<String, Integer> nodeIndex = new HashMap<>();
        Map<String, Integer> largestByType = new HashMap<>();
        for (int i = 0; i < nodeCount; i++) {
            nodesByType.computeIfAbsent(nodes[i].gpuType(), t -> new ArrayList<>()).add(i);
            nodeIndex.put(nodes[i].id(), i);
            largestByType.merge(nodes[i].gpuType(), nodes[i].gpus(), Math::max);
        }
        candidates = new Configuration[jobCount][];
        remaining = new double[jobCount][];
        aloneCost = new double[jobCount][];
        nodesOfCandidate = new int[jobCount][][];
        weight = new double[jobCount];
        reserve = new double[jobCount];
        dueDate = new double[jobCount];
        minRemaining = new double[jobCount];
        maxRemaining = new double[jobCount];
        currentNode = new int[jobCount];
        currentCandidate = new int[jobCount];
        leanWork = new double[jobCount];
        leanTime = new double[jobCount];
        int gpus = 0;
        for (Node node : nodes) {
            gpus += node.gpus();
        }
        totalGpus = gpus;
        for (int j = 0; j < jobCount; j++) {
            JobState state = jobs[j];
            List<Configuration> allowed = new ArrayList<>();
            for (Configuration configuration : state.job().secondsPerEpoch().keySet()) {
                Integer largest = largestByType.get(configuration.gpuType());
                if (largest != null && configuration.gpus() <= largest && costs.knows(configuration.gpuType(), configuration.gpus())) {
                    allowed.add(configuration);
                }
            }
            allowed.sort(Comparator.naturalOrder());
            int size = allowed.size();
            candidates[j] = allowed.toArray(Configuration[]::new);
            remaining[j] = new double[size];
            aloneCost[j] = new double[size];
            nodesOfCandidate[j] = new int[size][];
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (int c = 0; c < size; c++) {
                Configuration configuration = allowed.get(c);
                remaining[j][c] = state.remainingSeconds(configuration);
                aloneCost[j][c] = costs.costPerHour(configuration) * remaining[j][c] / 3600.0;
                nodesOfCandidate[j][c] = nodesByType.get(configuration.gpuType()).stream().mapToInt(Integer::intValue).toArray();
                min = Math.min(min, remaining[j][c]);
                max = Math.max(max, remaining[j][c]);
            }
            minRemaining[j] = min;
            maxRemaining[j] = max;
            weight[j] = state.job().tardinessWeight();
            reserve[j] = state.reserveSeconds();
            dueDate[j] = state.job().dueDate();
            leanWork[j] = Double.POSITIVE_INFINITY;
            for (int c = 0; c < size; c++) {
                double work = remaining[j][c] * candidates[j][c].gpuShare();
                if (work < leanWork[j]) {
                    leanWork[j] = work;
                    leanTime[j] = remaining[j][c];
                }
            }
            currentNode[j] = -1;
            currentCandidate[j] = -1;
            Assignment running = problem.running().get(state.id());
            if (running != null && nodeIndex.containsKey(running.nodeId())) {
                int c = allowed.indexOf(running.configuration());
                if (c >= 0) {
                    currentNode[j] = nodeIndex.get(running.nodeId());
                    currentCandidate[j] = c;
                }
            }
        }
        queueOrder = queueOrder();
    }

    private int[] queueOrder() {
        Integer[] order = new Integer[jobCount];
        double[] ratio = new double[jobCount];
        for (int j = 0; j < jobCount; j++) {
            order[j] = j;
            ratio[j] = leanWork[j] > 0 && leanWork[j] < Double.POSITIVE_INFINITY ? weight[j] / leanWork[j] : 0;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -ratio[j]).thenComparing(j -> jobs[j].id()));
        return java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** Pressure of the reference greedy: now + fastest remaining time − due date, weighted when late. */
    double pressure(int j) {
        double pressure = now + minRemaining[j] + reserve[j] - dueDate[j];
        return pressure > 0 ? pressure * weight[j] : pressure;
    }

    boolean meetsDueDate(int j, int c) {
        return now + remaining[j][c] + reserve[j] <= dueDate[j];
    }

    /** What the baselines sort the queue by. */
    record Key(int index, String id, double release, double dueDate, double weight) {
    }

    Key key(int j) {
        return new Key(j, jobs[j].id(), jobs[j].job().release(), dueDate[j], weight[j]);
    }

    /** Whether any job may take a GPU fraction. */
    boolean offersSharing() {
        for (Configuration[] configurations : candidates) {
            for (Configuration configuration : configurations) {
                if (configuration.isShared()) {
                    return true;
                }
            }
        }
        return false;
    }

    public int jobCount() {
        return jobCount;
    }

    public SchedulingProblem problem() {
        return problem;
    }
}
