package io.aisprint.placement;

/**
 * Where the Python and C++ SPACE4AI-D tools disagree (placement reference §2.10), which behaviour
 * to follow. {@link #cpp()} is the default: it reproduces the stored C++ solutions.
 *
 * @param transferBitsPerUnit     1 divides megabytes by megabits per second as C++ does; 8 converts as Python does
 * @param faasComponentLoad       FaaS partitions see the component load (Python) instead of the partition load (C++)
 * @param faasCostPerPartition    every FaaS partition is charged (Python) instead of once per FaaS configuration (C++)
 * @param memoryScalesWithInstances memory limit n·M (C++) instead of M (Python) for edge devices and VMs
 */
public record Semantics(
        double transferBitsPerUnit,
        boolean faasComponentLoad,
        boolean faasCostPerPartition,
        boolean memoryScalesWithInstances) {

    public static Semantics cpp() {
        return new Semantics(1.0, false, false, true);
    }

    public static Semantics python() {
        return new Semantics(8.0, true, true, false);
    }
}
