package io.aisprint.placement.internal;

import io.aisprint.model.Application;
import io.aisprint.model.Component;
import io.aisprint.model.ComputationalLayer;
import io.aisprint.model.Deployment;
import io.aisprint.model.FaasResource;
import io.aisprint.model.GlobalConstraint;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.Resource;
import io.aisprint.model.ResourceKind;
import io.aisprint.model.SystemDescription;
import io.aisprint.perf.FaasModel;
import io.aisprint.perf.NetworkModel;
import io.aisprint.perf.PerfException;
import io.aisprint.perf.RegressionModels;
import io.aisprint.perf.spi.RegressionPredictor;
import io.aisprint.placement.PlacementException;
import io.aisprint.placement.Semantics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An index-based, immutable image of a system at one load λ, built once so that the searches
 * evaluate placements with array look-ups only. Components are numbered in topological order;
 * every (component, deployment, position) is a <em>slot</em> whose load, early-exit probability and
 * per-resource demand, FaaS time, FaaS cost and memory are precomputed.
 */
public final class CompiledProblem {
    public final SystemDescription system;
    public final Semantics semantics;
    public final double lambda;
    public final double time;

    // Layers and resources
    public final String[] layerName;
    public final boolean[] layerIsFaas;
    public final int[][] layerResources;
    public final int resourceCount;
    public final Resource[] resource;
    public final int[] resourceLayer;
    public final boolean[] isFaas;
    public final boolean[] isEdge;
    public final int[] maxInstances;
    public final double[] unitCost;
    public final double[] memoryCapacity;
    /** Per pair of layers, the network domains they share, as perf's network model prices them. */
    private final NetworkModel.Links[][] pairLinks;

    // Components (topological order)
    public final int componentCount;
    public final String[] componentName;
    public final int[][] componentDeployments;
    public final int[][] predecessors;
    public final int[][] successors;
    public final double[] componentLoad;
    public final double[] localLimit;

    // Deployments
    public final String[] deploymentName;
    public final int[] deploymentComponent;
    public final int[][] deploymentSlots;

    // Slots
    public final int slotCount;
    public final int[] slotComponent;
    public final int[] slotDeployment;
    public final String[] slotPartition;
    public final double[] slotLoad;
    public final double[] slotEarlyExit;
    /** Megabytes the slot sends to the next slot of its deployment (0 for the last one). */
    public final double[] slotDataToNext;
    /** Compatible resources of every slot, in declaration order. */
    public final int[][] slotCandidates;
    /** Dense [slot][resource] tables; NaN where incompatible. */
    public final double[][] demand;
    /**
     * Per slot and edge/VM resource whose entry is a trained regression model: the predicted
     * response time by instance count (index n, 0 = ∞), or null. Computed once per compile, i.e.
     * per (partition, resource, λ), so evaluating a placement only looks it up; made
     * non-increasing in n (spare instances can stay idle), which keeps the sizer's monotonicity.
     */
    public final double[][][] regressionTime;
    public final double[][] faasTime;
    public final double[][] faasCost;
    public final double[][] memory;

    // Paths
    public final int pathCount;
    public final String[] pathName;
    public final int[][] pathComponents;
    public final double[] pathLimit;
    /** Per path and per hop k, the megabytes the last partition of c_k sends to c_{k+1}, per deployment of c_k. */
    public final double[][][] pathHopData;
    public final int[][] componentPaths;

    private CompiledProblem(SystemDescription system, double lambda, Semantics semantics) {
        this.system = system;
        this.semantics = semantics;
        this.lambda = lambda;
        Application application = system.application();
        this.time = application.time();

        List<ComputationalLayer> layers = system.continuum().layers();
        layerName = new String[layers.size()];
        layerIsFaas = new boolean[layers.size()];
        layerResources = new int[layers.size()][];
        List<Resource> resources = new ArrayList<>();
        List<Integer> layerOfResource = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            ComputationalLayer layer = layers.get(l);
            layerName[l] = layer.name();
            layerIsFaas[l] = layer.kind() == ResourceKind.FAAS;
            layerResources[l] = new int[layer.resources().size()];
            for (int i = 0; i < layer.resources().size(); i++) {
                layerResources[l][i] = resources.size();
                resources.add(layer.resources().get(i));
                layerOfResource.add(l);
            }
        }
        resourceCount = resources.size();
        resource = resources.toArray(new Resource[0]);
        resourceLayer = layerOfResource.stream().mapToInt(Integer::intValue).toArray();
        isFaas = new boolean[resourceCount];
        isEdge = new boolean[resourceCount];
        maxInstances = new int[resourceCount];
        unitCost = new double[resourceCount];
        memoryCapacity = new double[resourceCount];
        Map<String, Integer> resourceIndex = new HashMap<>();
        for (int r = 0; r < resourceCount; r++) {
            Resource res = resource[r];
            resourceIndex.put(res.name(), r);
            isFaas[r] = res.kind() == ResourceKind.FAAS;
            isEdge[r] = res.kind() == ResourceKind.EDGE;
            maxInstances[r] = res instanceof NodeResource node ? Math.max(node.number(), 0) : 1;
            unitCost[r] = res.cost();
            memoryCapacity[r] = res.memory();
        }
        NetworkModel network = new NetworkModel(system.continuum(), semantics.transferBitsPerUnit());
        pairLinks = new NetworkModel.Links[layers.size()][layers.size()];
        for (int a = 0; a < layers.size(); a++) {
            for (int b = 0; b < layers.size(); b++) {
                pairLinks[a][b] = network.links(layerName[a], layerName[b]);
            }
        }

        List<String> order = application.dag().topologicalOrder()
                .orElseThrow(() -> new PlacementException("the application graph of " + application.name()
                        + " has a cycle; expected a DAG"));
        List<String> ordered = new ArrayList<>();
        for (String name : order) {
            if (application.component(name).isPresent()) {
                ordered.add(name);
            }
        }
        componentCount = ordered.size();
        componentName = ordered.toArray(new String[0]);
        Map<String, Integer> componentIndex = new HashMap<>();
        for (int c = 0; c < componentCount; c++) {
            componentIndex.put(componentName[c], c);
        }
        Map<String, Double> loads = application.dag().componentLoads(lambda);
        componentLoad = new double[componentCount];
        localLimit = new double[componentCount];
        predecessors = new int[componentCount][];
        successors = new int[componentCount][];
        for (int c = 0; c < componentCount; c++) {
            String name = componentName[c];
            componentLoad[c] = loads.getOrDefault(name, 0.0);
            localLimit[c] = application.localConstraint(name).map(lc -> lc.maxResponseTime())
                    .orElse(Double.POSITIVE_INFINITY);
            predecessors[c] = application.dag().predecessors(name).stream().filter(componentIndex::containsKey)
                    .mapToInt(componentIndex::get).distinct().toArray();
            successors[c] = application.dag().successors(name).stream().filter(componentIndex::containsKey)
                    .mapToInt(componentIndex::get).distinct().toArray();
        }

        List<String> deploymentNames = new ArrayList<>();
        List<Integer> deploymentComponents = new ArrayList<>();
        List<int[]> deploymentSlotList = new ArrayList<>();
        componentDeployments = new int[componentCount][];
        List<Partition> slotPartitions = new ArrayList<>();
        List<Integer> slotComponents = new ArrayList<>();
        List<Integer> slotDeployments = new ArrayList<>();
        List<Double> slotLoads = new ArrayList<>();
        for (int c = 0; c < componentCount; c++) {
            Component component = application.component(componentName[c]).orElseThrow();
            if (component.deployments().isEmpty()) {
                throw new PlacementException("component " + component.name() + " has no deployment; expected at least one");
            }
            componentDeployments[c] = new int[component.deployments().size()];
            for (int d = 0; d < component.deployments().size(); d++) {
                Deployment deployment = component.deployments().get(d);
                int deploymentIndex = deploymentNames.size();
                componentDeployments[c][d] = deploymentIndex;
                deploymentNames.add(deployment.name());
                deploymentComponents.add(c);
                int[] slots = new int[deployment.partitions().size()];
                double load = componentLoad[c];
                for (int h = 0; h < slots.length; h++) {
                    Partition partition = deployment.partitions().get(h);
                    slots[h] = slotPartitions.size();
                    slotPartitions.add(partition);
                    slotComponents.add(c);
                    slotDeployments.add(deploymentIndex);
                    slotLoads.add(load);
                    load *= 1.0 - partition.earlyExitProbability();
                }
                deploymentSlotList.add(slots);
            }
        }
        deploymentName = deploymentNames.toArray(new String[0]);
        deploymentComponent = deploymentComponents.stream().mapToInt(Integer::intValue).toArray();
        deploymentSlots = deploymentSlotList.toArray(new int[0][]);

        slotCount = slotPartitions.size();
        slotComponent = slotComponents.stream().mapToInt(Integer::intValue).toArray();
        slotDeployment = slotDeployments.stream().mapToInt(Integer::intValue).toArray();
        slotPartition = new String[slotCount];
        slotLoad = new double[slotCount];
        slotEarlyExit = new double[slotCount];
        slotDataToNext = new double[slotCount];
        slotCandidates = new int[slotCount][];
        demand = new double[slotCount][resourceCount];
        regressionTime = new double[slotCount][resourceCount][];
        faasTime = new double[slotCount][resourceCount];
        faasCost = new double[slotCount][resourceCount];
        memory = new double[slotCount][resourceCount];
        for (int s = 0; s < slotCount; s++) {
            Partition partition = slotPartitions.get(s);
            slotPartition[s] = partition.name();
            slotLoad[s] = slotLoads.get(s);
            slotEarlyExit[s] = partition.earlyExitProbability();
            int[] chain = deploymentSlots[slotDeployment[s]];
            int position = indexOf(chain, s);
            slotDataToNext[s] = position + 1 < chain.length
                    ? partition.dataSizeTo(slotPartitions.get(chain[position + 1]).name()) : 0.0;
            Arrays.fill(demand[s], Double.NaN);
            Arrays.fill(faasTime[s], Double.NaN);
            Arrays.fill(faasCost[s], Double.NaN);
            Arrays.fill(memory[s], Double.NaN);
            List<Integer> candidates = new ArrayList<>();
            String component = componentName[slotComponent[s]];
            for (Map.Entry<String, Double> compatible : partition.memoryByResource().entrySet()) {
                Integer r = resourceIndex.get(compatible.getKey());
                if (r == null) {
                    throw new PlacementException("partition " + component + "/" + partition.name()
                            + " is compatible with an unknown resource '" + compatible.getKey() + "'");
                }
                PerformanceModel model = system.performance().model(component, partition.name(), compatible.getKey())
                        .orElseThrow(() -> new PlacementException("no performance model for partition " + component + "/"
                                + partition.name() + " on " + compatible.getKey()
                                + "; expected an entry in Performance for every compatible resource.\n"
                                + "Maybe measure it (aisprint profile APP --join HOST:PORT) or declare it in "
                                + "common_config/performance.yaml; 'aisprint validate APP' lists every missing pair."));
                compileModel(s, r, model, component);
                memory[s][r] = compatible.getValue();
                candidates.add(r);
            }
            slotCandidates[s] = candidates.stream().mapToInt(Integer::intValue).toArray();
        }

        List<GlobalConstraint> globals = application.globalConstraints();
        pathCount = globals.size();
        pathName = new String[pathCount];
        pathComponents = new int[pathCount][];
        pathLimit = new double[pathCount];
        pathHopData = new double[pathCount][][];
        List<List<Integer>> pathsOfComponent = new ArrayList<>();
        for (int c = 0; c < componentCount; c++) {
            pathsOfComponent.add(new ArrayList<>());
        }
        for (int p = 0; p < pathCount; p++) {
            GlobalConstraint constraint = globals.get(p);
            pathName[p] = constraint.name();
            pathLimit[p] = constraint.maxResponseTime();
            pathComponents[p] = new int[constraint.components().size()];
            for (int k = 0; k < pathComponents[p].length; k++) {
                Integer c = componentIndex.get(constraint.components().get(k));
                if (c == null) {
                    throw new PlacementException("global constraint " + constraint.name() + " names an unknown component '"
                            + constraint.components().get(k) + "'");
                }
                pathComponents[p][k] = c;
                if (!pathsOfComponent.get(c).contains(p)) {
                    pathsOfComponent.get(c).add(p);
                }
            }
            pathHopData[p] = new double[Math.max(pathComponents[p].length - 1, 0)][];
            for (int k = 0; k + 1 < pathComponents[p].length; k++) {
                int c = pathComponents[p][k];
                String next = componentName[pathComponents[p][k + 1]];
                int[] deployments = componentDeployments[c];
                pathHopData[p][k] = new double[deployments.length];
                for (int d = 0; d < deployments.length; d++) {
                    int[] chain = deploymentSlots[deployments[d]];
                    pathHopData[p][k][d] = slotPartitions.get(chain[chain.length - 1]).dataSizeTo(next);
                }
            }
        }
        componentPaths = new int[componentCount][];
        for (int c = 0; c < componentCount; c++) {
            componentPaths[c] = pathsOfComponent.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Compiles {@code system} at load {@code lambda} under {@code semantics}. */
    public static CompiledProblem compile(SystemDescription system, double lambda, Semantics semantics) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new PlacementException("the load λ must be a non-negative number of requests per second; got " + lambda);
        }
        return new CompiledProblem(system, lambda, semantics);
    }

    private void compileModel(int s, int r, PerformanceModel model, String component) {
        String where = component + "/" + slotPartitionName(s) + " on " + resource[r].name();
        if (model instanceof PerformanceModel.QueueDemand queue) {
            if (isFaas[r]) {
                throw new PlacementException("partition " + where + " declares the queue model " + queue.keyword()
                        + " on a FaaS configuration; expected PACSLTK");
            }
            demand[s][r] = queue.demand();
        } else if (model instanceof PerformanceModel.FaasDemand faas) {
            if (!isFaas[r]) {
                throw new PlacementException("partition " + where + " declares the FaaS model " + faas.keyword()
                        + " on an edge device or VM; expected QTedge or QTcloud");
            }
            double load = semantics.faasComponentLoad() ? componentLoad[slotComponent[s]] : slotLoad[s];
            double keepAlive = ((FaasResource) resource[r]).idleTimeBeforeKill();
            try {
                faasTime[s][r] = FaasModel.responseTime(load, faas.demandWarm(), faas.demandCold(), keepAlive);
            } catch (PerfException e) {
                throw new PlacementException("partition " + where + ": " + e.getMessage());
            }
            faasCost[s][r] = unitCost[r] * faas.demandWarm() * load * time;
        } else if (model instanceof PerformanceModel.Regression regression) {
            RegressionPredictor predictor;
            try {
                predictor = RegressionModels.predictor(regression);
            } catch (PerfException e) {
                throw new PlacementException("partition " + where + ": " + e.getMessage());
            }
            double load = isFaas[r] && semantics.faasComponentLoad() ? componentLoad[slotComponent[s]] : slotLoad[s];
            Map<String, Double> inputs = new HashMap<>();
            for (String name : List.of("lambda", "Lambda", "observed_throughput", "arrival_rate")) {
                inputs.put(name, load);
            }
            if (isFaas[r]) {
                FaasResource faas = (FaasResource) resource[r];
                double warm = number(regression, "demandWarm", Double.NaN);
                double cold = number(regression, "demandCold", Double.NaN);
                if (!Double.isNaN(warm)) {
                    inputs.put("warm_service_time", warm);
                }
                if (!Double.isNaN(cold)) {
                    inputs.put("cold_service_time", cold);
                }
                inputs.put("expiration_time", faas.idleTimeBeforeKill());
                // One invocation runs on one instance of the configuration.
                inputs.put("cores", 1.0);
                inputs.put("instances", 1.0);
                inputs.put("n_cores", 1.0);
                double t = predictChecked(predictor, inputs, where);
                faasTime[s][r] = t;
                faasCost[s][r] = unitCost[r] * (Double.isNaN(warm) ? t : warm) * load * time;
            } else {
                int cores = resource[r] instanceof NodeResource node ? Math.max(node.cores(), 1) : 1;
                double[] table = new double[maxInstances[r] + 1];
                table[0] = Double.POSITIVE_INFINITY;
                inputs.put("n_cores", (double) cores);
                for (int n = 1; n < table.length; n++) {
                    inputs.put("instances", (double) n);
                    inputs.put("cores", (double) n * cores);
                    table[n] = Math.min(table[n - 1], predictChecked(predictor, inputs, where));
                }
                regressionTime[s][r] = table;
                demand[s][r] = 0.0;
            }
        }
    }

    private static double predictChecked(RegressionPredictor predictor, Map<String, Double> inputs, String where) {
        double t;
        try {
            t = predictor.predict(inputs);
        } catch (PerfException e) {
            throw new PlacementException("partition " + where + ": " + e.getMessage());
        }
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new PlacementException("partition " + where + ": the regression model predicts a response time of " + t
                    + " s at " + new java.util.TreeMap<>(inputs) + "; expected a positive number of seconds");
        }
        return t;
    }

    private static double number(PerformanceModel.Regression regression, String key, double fallback) {
        Object v = regression.parameters().get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    /** The least predicted time of a regression slot on r over every allowed size (∞ when none). */
    public double bestRegressionTime(int s, int r) {
        double[] table = regressionTime[s][r];
        return table[table.length - 1];
    }

    private String slotPartitionName(int s) {
        return slotPartition[s] == null ? "slot" + s : slotPartition[s];
    }

    /** Seconds to send {@code megabytes} between resources {@code a} and {@code b}; 0 on the same resource. */
    public double transfer(int a, int b, double megabytes) {
        if (a == b) {
            return 0.0;
        }
        return pairLinks[resourceLayer[a]][resourceLayer[b]].transferTime(megabytes);
    }

    /**
     * The fewest instances of edge/VM resource {@code r} that carry {@code demandRate} unsaturated and,
     * where memory scales with instances, hold {@code memoryUsed}: a lower bound on its cluster size.
     */
    public int minimumInstances(int r, double demandRate, double memoryUsed) {
        int byLoad = io.aisprint.perf.QueueModel.minimumInstances(demandRate);
        int byMemory = semantics.memoryScalesWithInstances() ? (int) Math.ceil(memoryUsed / memoryCapacity[r] - 1e-12) : 1;
        return Math.max(1, Math.max(byLoad, byMemory));
    }

    /** Whether the layers of two resources share a network domain (or they are the same resource). */
    public boolean connected(int a, int b) {
        return a == b || pairLinks[resourceLayer[a]][resourceLayer[b]].any();
    }

    public int componentIndex(String name) {
        for (int c = 0; c < componentCount; c++) {
            if (componentName[c].equals(name)) {
                return c;
            }
        }
        return -1;
    }

    public int resourceIndex(String name) {
        for (int r = 0; r < resourceCount; r++) {
            if (resource[r].name().equals(name)) {
                return r;
            }
        }
        return -1;
    }

    public boolean isCompatible(int slot, int r) {
        return !Double.isNaN(memory[slot][r]);
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
