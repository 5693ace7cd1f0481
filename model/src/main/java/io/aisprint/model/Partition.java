package io.aisprint.model;

import java.util.List;
import java.util.Map;

/**
 * A piece of a DNN run as one unit on one resource.
 *
 * @param name                  unique within its component
 * @param earlyExitProbability  probability that processing ends after this partition
 * @param next                  the next partition's name, or for the last partition the successor
 *                              components (DAG order); empty for the final sink
 * @param dataSizes             megabytes sent to each entry of {@code next}, same order
 * @param memoryByResource      the compatible resources (insertion order kept) with the memory in MB
 *                              the partition needs there
 */
public record Partition(
        String name,
        double earlyExitProbability,
        List<String> next,
        List<Double> dataSizes,
        Map<String, Double> memoryByResource) {

    public Partition {
        next = List.copyOf(next);
        dataSizes = List.copyOf(dataSizes);
        memoryByResource = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(memoryByResource));
    }

    public boolean isCompatibleWith(String resource) {
        return memoryByResource.containsKey(resource);
    }

    /** Megabytes sent to {@code target} (a partition or a component), or 0 when it is not a successor. */
    public double dataSizeTo(String target) {
        int index = next.indexOf(target);
        if (index < 0 || index >= dataSizes.size()) {
            return 0.0;
        }
        return dataSizes.get(index);
    }
}
