package io.aisprint.cli;

import io.aisprint.model.Placement;
import java.util.List;
import java.util.Map;

/** A small placement for views that only print it. */
final class RunResultFixture {
    private RunResultFixture() {
    }

    static Placement placement() {
        return new Placement(2, List.of(
                new Placement.ComponentPlacement("blurry-faces", "d1", List.of(new Placement.PartitionPlacement("p1", "RaspberryPi4", 0.2)), 0.2, 0.5),
                new Placement.ComponentPlacement("mask-detector", "d1", List.of(new Placement.PartitionPlacement("p1", "VM-t3xlarge", 0.2)), 0.2, 0.4)),
                Map.of("RaspberryPi4", 1, "VM-t3xlarge", 1), List.of(), 1.0, true);
    }
}
