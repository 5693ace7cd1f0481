package io.aisprint.platform.internal;

import io.aisprint.cluster.RemoteContext;
import io.aisprint.cluster.RemoteFunction;
import io.aisprint.cluster.Reported;
import io.aisprint.platform.examples.ExampleCode;
import io.aisprint.platform.examples.PartitionCode;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One partition's real code as a task body for a cluster worker. Its output stays on the worker
 * (the next partition's worker fetches it from there: a real transfer between worker processes),
 * padded to the partition's declared data size so that size really moves; the report (early exit)
 * comes back to the driver with the worker's measured times.
 *
 * @param outputBytes the declared data size of what the partition sends on, in bytes
 */
record PartitionBody(String component, int index, int partitions, double earlyExitProbability, long outputBytes)
        implements RemoteFunction<Reported<PartitionBody.Report>> {
    private static final long serialVersionUID = 1L;
    /** Hops larger than this are sent at this size: a mistyped data size must not exhaust a worker. */
    static final long MAX_OUTPUT_BYTES = 64L << 20;
    /** A worker builds each partition's code once (the CNN weights, the calibrated early-exit threshold). */
    private static final Map<String, PartitionCode> CODE = new ConcurrentHashMap<>();

    /** What the driver learns: whether the request leaves the component here. */
    record Report(boolean exitEarly) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A partition's output as it travels: the value and padding up to the declared size. */
    record Hop(Object value, byte[] padding) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public Reported<Report> apply(RemoteContext context) {
        Object input = context.arg(0);
        if (input instanceof Hop hop) {
            input = hop.value();
        }
        PartitionCode code = CODE.computeIfAbsent(component + "/" + index + "/" + partitions + "/" + earlyExitProbability,
                key -> ExampleCode.forPartition(component, index, partitions, earlyExitProbability));
        PartitionCode.Result result = code.run(input);
        byte[] padding = new byte[(int) Math.max(0, Math.min(MAX_OUTPUT_BYTES, outputBytes))];
        return Reported.of(new Report(result.exitEarly()), new Hop(result.output(), padding));
    }
}
