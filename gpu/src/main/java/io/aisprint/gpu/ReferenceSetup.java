package io.aisprint.gpu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates instances like the reference experiments: nodes alternate K80×8 and M60×8, one job
 * at time 0 then 10 jobs per node with exponential inter-arrival times of mean λ / nodes, each a
 * uniform draw from the profiled AlexNet catalogue. In the private-cluster setting due dates are
 * r + U(fastest, slowest) and weights U(0.02537, 0.04440), with early stopping drawn from the
 * distributions file; in the cloud setting due dates are r + U(fastest, 3 × fastest), weights
 * 2·U(0.0015, 0.0075) and every job runs all its epochs.
 */
public final class ReferenceSetup {
    /** The two settings of the reference experiments. */
    public enum Setting { DATACENTER, CLOUD }

    private static final List<String> TYPES = List.of("K80", "M60");
    private final Map<String, AnchorFiles.ProfiledJob> catalogue;
    private final Map<String, double[]> earlyStopping;
    private final List<AnchorFiles.Fraction> fractions;
    private final GpuCostTable datacenterCosts;
    private final VmCatalogue cloudCosts;

    private ReferenceSetup(Path dataDirectory) {
        this.catalogue = AnchorFiles.profiles(dataDirectory.resolve("data_2d10d_filtered.csv"), TYPES);
        this.earlyStopping = AnchorFiles.earlyStopping(dataDirectory.resolve("distributions.csv"));
        this.fractions = AnchorFiles.fractions(dataDirectory.resolve("fractions.csv"));
        this.datacenterCosts = AnchorFiles.costTable(dataDirectory.resolve("GPU-cost_server.csv"));
        this.cloudCosts = AnchorFiles.vmCatalogue(dataDirectory.resolve("GPU-cost.csv"));
    }

    /** Reads the reference data folder (the one holding {@code data_2d10d_filtered.csv}). */
    public static ReferenceSetup load(Path dataDirectory) {
        if (!Files.isRegularFile(dataDirectory.resolve("data_2d10d_filtered.csv"))) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "No data_2d10d_filtered.csv in " + dataDirectory
                + ".\nMaybe point --data at shared/anchors/gpu-scheduler/data.");
        }
        return new ReferenceSetup(dataDirectory);
    }

    /** The early-stopping distributions of the job families. */
    public Map<String, double[]> earlyStopping() {
        return Map.copyOf(earlyStopping);
    }

    /** The reference instance seed of instance i (0-based): 1000·(i+1)². */
    public static long instanceSeed(int instance) {
        return 1000L * (instance + 1) * (instance + 1);
    }

    public Scenario generate(int nodeCount, long seed, Setting setting, boolean gpuSharing) {
        Random random = new Random(seed);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(new Node("n" + (i + 1), TYPES.get(i % TYPES.size()), 8, 0));
        }
        double lambda = setting == Setting.DATACENTER ? 50_000 : 30_000;
        double meanGap = lambda / nodeCount;
        List<String> names = new ArrayList<>(catalogue.keySet());
        List<String> families = new ArrayList<>(earlyStopping.keySet());
        List<Scenario.TraceJob> jobs = new ArrayList<>();
        double release = 0;
        int count = 10 * nodeCount + 1;
        for (int j = 0; j < count; j++) {
            if (j > 0) {
                release += -meanGap * Math.log(1 - random.nextDouble());
            }
            AnchorFiles.ProfiledJob profiled = catalogue.get(names.get(random.nextInt(names.size())));
            Map<Configuration, Double> perEpoch = new LinkedHashMap<>();
            profiled.totalSeconds().forEach((configuration, total) -> perEpoch.put(configuration, total / profiled.epochs()));
            if (gpuSharing) {
                for (AnchorFiles.Fraction fraction : fractions) {
                    Double single = perEpoch.get(Configuration.of(fraction.gpuType(), 1));
                    if (single != null && profiled.memoryGb() <= fraction.memoryGb()
                        && !perEpoch.containsKey(Configuration.shared(fraction.gpuType(), fraction.fraction()))) {
                        double inflate = 1.01 + random.nextDouble() * (fraction.inflateMax() - 1.01);
                        perEpoch.put(Configuration.shared(fraction.gpuType(), fraction.fraction()), single * inflate);
                    }
                }
            }
            double fastest = perEpoch.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow() * profiled.epochs();
            double slowest = perEpoch.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow() * profiled.epochs();
            double due;
            double weight;
            double stopShare = 1;
            String family = "";
            if (setting == Setting.DATACENTER) {
                due = release + fastest + random.nextDouble() * (slowest - fastest);
                weight = 0.02537 + random.nextDouble() * (0.04440 - 0.02537);
                family = families.get(random.nextInt(families.size()));
                stopShare = sample(earlyStopping.get(family), random);
            } else {
                due = release + fastest + random.nextDouble() * 2 * fastest;
                weight = 2 * (0.0015 + random.nextDouble() * (0.0075 - 0.0015));
            }
            Job job = new Job("J" + (j + 1), release, due, weight, profiled.epochs(), perEpoch, profiled.memoryGb(),
                profiled.application() + "-" + profiled.name(), family);
            jobs.add(new Scenario.TraceJob(job, stopShare, perEpoch));
        }
        CostModel costs = setting == Setting.DATACENTER ? datacenterCosts : cloudCosts;
        return new Scenario(nodes, costs, jobs);
    }

    /** Draws k/100 with probability pmf[k-1] (a share of the maximum epochs). */
    private static double sample(double[] pmf, Random random) {
        double total = 0;
        for (double p : pmf) {
            total += p;
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        for (int k = 0; k < pmf.length; k++) {
            cumulative += pmf[k];
            if (target < cumulative) {
                return (k + 1) / (double) pmf.length;
            }
        }
        return 1.0;
    }
}
