package io.aisprint.gpu;

/**
 * What running GPUs costs. The energy model of a private cluster ({@link GpuCostTable}) and
 * the virtual-machine catalogue of a public cloud ({@link VmCatalogue}) answer the same
 * question: the price per hour of a node of a GPU type while {@code gpusInUse} of its GPUs
 * are busy. Jobs sharing a node split that price by their share of the busy GPUs.
 */
public sealed interface CostModel permits GpuCostTable, VmCatalogue {

    /** Price per hour of {@code gpusInUse} busy GPUs of a type on one node. */
    double costPerHour(String gpuType, int gpusInUse);

    /** Whether the price of {@code gpusInUse} GPUs of a type is known. */
    boolean knows(String gpuType, int gpusInUse);

    /** Power in watts drawn by that many busy GPUs, or NaN when the model has no power data. */
    double watts(String gpuType, int gpusInUse);

    /** True for the cloud model: nodes are VMs that are allocated and deallocated. */
    boolean isCloud();

    /** The price per hour of one job's configuration run alone on a node. */
    default double costPerHour(Configuration configuration) {
        return costPerHour(configuration.gpuType(), configuration.gpus()) * configuration.fraction();
    }
}
