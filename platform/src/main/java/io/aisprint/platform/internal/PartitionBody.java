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
 * @param warmUp      runs a separate instance of the code, so warm-up requests never touch a component's state
 */
record PartitionBody(String component, int index, int partitions, double earlyExitProbability, long outputBytes,
        boolean warmUp) implements RemoteFunction<Reported<PartitionBody.Report>> {
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

    /**
     * This worker's instance of the partition's code (built once: CNN weights, calibrated threshold, state);
     * keyed by the worker too, as workers started inside one JVM (tests) must not share state.
     */
    PartitionCode code(String worker) {
        return CODE.computeIfAbsent(worker + "/" + component + "/" + index + "/" + partitions + "/" + earlyExitProbability + (warmUp ? "/warm-up" : ""),
                key -> ExampleCode.forPartition(component, index, partitions, earlyExitProbability));
    }

    @Override
    public Reported<Report> apply(RemoteContext context) {
        Object input = context.arg(0);
        if (input instanceof Hop hop) {
            input = hop.value();
        }
        PartitionCode.Result result = code(context.nodeName()).run(input);
        byte[] padding = new byte[(int) Math.max(0, Math.min(MAX_OUTPUT_BYTES, outputBytes))];
        return Reported.of(new Report(result.exitEarly()), new Hop(result.output(), padding));
    }
}
