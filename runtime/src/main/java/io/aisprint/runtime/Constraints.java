package io.aisprint.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a task needs from a node: cores, memory, GPUs, a processor architecture and free labels
 * (for example {@code layer=edge} or {@code resource=VM1}) that must all be present on the node.
 *
 * @param cores        computing units taken while the task runs (at least 1)
 * @param memoryMb     memory taken while the task runs, in MiB (0 = none declared)
 * @param gpus         GPUs taken while the task runs
 * @param architecture required processor architecture, or null for any
 * @param labels       labels the node must carry with exactly these values
 */
public record Constraints(int cores, long memoryMb, int gpus, String architecture, Map<String, String> labels) {
    public static final Constraints DEFAULT = new Constraints(1, 0, 0, null, Map.of());

    public Constraints {
        if (cores < 1) {
            throw new IllegalArgumentException("cores is " + cores + " but must be at least 1");
        }
        if (memoryMb < 0 || gpus < 0) {
            throw new IllegalArgumentException("memoryMb (" + memoryMb + ") and gpus (" + gpus + ") must not be negative");
        }
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    }

    public static Constraints of() {
        return DEFAULT;
    }

    public Constraints withCores(int value) {
        return new Constraints(value, memoryMb, gpus, architecture, labels);
    }

    public Constraints withMemoryMb(long value) {
        return new Constraints(cores, value, gpus, architecture, labels);
    }

    public Constraints withGpus(int value) {
        return new Constraints(cores, memoryMb, value, architecture, labels);
    }

    public Constraints withArchitecture(String value) {
        return new Constraints(cores, memoryMb, gpus, value, labels);
    }

    /** The label a cluster member carries once the trust service attested it (security's worker attestation sets it). */
    public static final String ATTESTED_LABEL = "aisprint.attested";

    /** A secure task: runs only on attested members, which hold the secrets the trust service gave them. */
    public Constraints secure() {
        return withLabel(ATTESTED_LABEL, "true");
    }

    public Constraints withLabel(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new Constraints(cores, memoryMb, gpus, architecture, copy);
    }

    /** Whether a node with these total capacities could ever run the task. */
    public boolean fitsCapacityOf(NodeSpec node) {
        return cores <= node.cores() && memoryMb <= node.memoryMb() && gpus <= node.gpus()
                && (architecture == null || architecture.equalsIgnoreCase(node.architecture()))
                && node.labels().entrySet().containsAll(labels.entrySet());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("cores=").append(cores);
        if (memoryMb > 0) {
            text.append(", memoryMb=").append(memoryMb);
        }
        if (gpus > 0) {
            text.append(", gpus=").append(gpus);
        }
        if (architecture != null) {
            text.append(", architecture=").append(architecture);
        }
        if (!labels.isEmpty()) {
            text.append(", labels=").append(labels);
        }
        return text.toString();
    }
}
