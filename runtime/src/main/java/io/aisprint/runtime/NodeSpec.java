package io.aisprint.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * A node of the resource pool: what it offers to tasks. Labels describe where it sits in the
 * continuum (for example {@code layer=edge}, {@code resource=RaspPi}).
 */
public record NodeSpec(String name, int cores, long memoryMb, int gpus, String architecture, Map<String, String> labels) {
    public NodeSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("node name must not be blank");
        }
        if (cores < 1) {
            throw new IllegalArgumentException("node '" + name + "' has cores=" + cores + " but needs at least 1");
        }
        if (memoryMb < 0 || gpus < 0) {
            throw new IllegalArgumentException("node '" + name + "' has negative memoryMb or gpus");
        }
        architecture = architecture == null ? System.getProperty("os.arch") : architecture;
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    }

    /** A CPU node with the given cores, ample memory, no GPU, the host architecture and no labels. */
    public static NodeSpec of(String name, int cores) {
        return new NodeSpec(name, cores, Long.MAX_VALUE / 4, 0, null, Map.of());
    }

    public NodeSpec withMemoryMb(long value) {
        return new NodeSpec(name, cores, value, gpus, architecture, labels);
    }

    public NodeSpec withGpus(int value) {
        return new NodeSpec(name, cores, memoryMb, value, architecture, labels);
    }

    public NodeSpec withArchitecture(String value) {
        return new NodeSpec(name, cores, memoryMb, gpus, value, labels);
    }

    public NodeSpec withLabels(Map<String, String> value) {
        return new NodeSpec(name, cores, memoryMb, gpus, architecture, value);
    }
}
