package io.aisprint.model;

import java.util.List;
import java.util.Optional;

/**
 * One way to deploy a component: a chain of DNN partitions executed in order. A deployment of a
 * non-partitioned component has one partition.
 */
public record Deployment(String name, List<Partition> partitions) {
    public Deployment {
        partitions = List.copyOf(partitions);
    }

    public Optional<Partition> partition(String partitionName) {
        return partitions.stream().filter(p -> p.name().equals(partitionName)).findFirst();
    }

    public Partition last() {
        return partitions.get(partitions.size() - 1);
    }
}
