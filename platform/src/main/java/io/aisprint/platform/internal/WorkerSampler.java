package io.aisprint.platform.internal;

import io.aisprint.cluster.ClusterDriver;
import io.aisprint.cluster.Remote;
import io.aisprint.cluster.Reported;
import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskRuntime;
import java.util.function.Supplier;

/**
 * Runs one partition's real code on one chosen worker, one request at a time, and returns the
 * service times the worker measured (its real work plus its emulated slowness), for profiling.
 */
public final class WorkerSampler implements AutoCloseable {
    private final TaskRuntime runtime;
    private final ClusterDriver driver;

    public WorkerSampler(ClusterDriver driver) {
        this.driver = driver;
        this.runtime = driver.runtime(builder -> { });
    }

    /**
     * {@code warmUp} unmeasured runs, then {@code runs} measured ones of partition {@code index} of
     * {@code partitions} of {@code component} on {@code worker}; {@code inputs} gives each request's input.
     */
    public double[] serviceSeconds(String worker, String component, int index, int partitions, double earlyExitProbability,
            long outputBytes, Supplier<Object> inputs, int warmUp, int runs) {
        int cores = driver.workers().stream().filter(w -> w.name().equals(worker)).mapToInt(NodeSpec::cores).findFirst().orElse(1);
        Constraints pinned = Constraints.of().withCores(Math.max(1, cores)).withLabel("node", worker);
        PartitionBody body = new PartitionBody(component, index, partitions, earlyExitProbability, outputBytes, false);
        double[] samples = new double[runs];
        for (int run = -warmUp; run < runs; run++) {
            Reported<PartitionBody.Report> result = runtime.task("profile " + component + "@" + worker).constraints(pinned)
                    .onFailure(FailurePolicy.CANCEL_SUCCESSORS).call(Remote.keepReported(body, inputs.get())).get();
            if (run >= 0) {
                samples[run] = result.timing().serviceNanos() / 1e9;
            }
        }
        return samples;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
