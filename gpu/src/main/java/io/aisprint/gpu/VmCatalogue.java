package io.aisprint.gpu;

import java.util.Comparator;
import java.util.List;

/**
 * The public-cloud model: each node is a slot for a VM whose type is right-sized to the GPUs
 * in use (the cheapest VM of the GPU type with enough GPUs). The VM bill is split among the
 * jobs on it by GPU share.
 */
public record VmCatalogue(List<VmType> vmTypes) implements CostModel {

    /** One VM type of the catalogue: name, GPU type, GPU count and price per hour. */
    public record VmType(String name, String gpuType, int gpus, double pricePerHour) {
    }

    public VmCatalogue {
        vmTypes = List.copyOf(vmTypes);
    }

    /** The cheapest VM type of a GPU type with at least {@code gpusInUse} GPUs. */
    public VmType rightSized(String gpuType, int gpusInUse) {
        return vmTypes.stream()
            .filter(vm -> vm.gpuType().equals(gpuType) && vm.gpus() >= gpusInUse)
            .min(Comparator.comparingDouble(VmType::pricePerHour))
            .orElseThrow(() -> new GpuException(ErrorCode.MISSING_COST_DATA,
                "The VM catalogue has no " + gpuType + " VM with " + gpusInUse + " GPUs or more."));
    }

    /** The largest GPU count of any VM of a type (0 when the type is not offered). */
    public int largest(String gpuType) {
        return vmTypes.stream().filter(vm -> vm.gpuType().equals(gpuType)).mapToInt(VmType::gpus).max().orElse(0);
    }

    @Override
    public double costPerHour(String gpuType, int gpusInUse) {
        return gpusInUse <= 0 ? 0 : rightSized(gpuType, gpusInUse).pricePerHour();
    }

    @Override
    public boolean knows(String gpuType, int gpusInUse) {
        return largest(gpuType) >= gpusInUse;
    }

    @Override
    public double watts(String gpuType, int gpusInUse) {
        return Double.NaN;
    }

    @Override
    public boolean isCloud() {
        return true;
    }
}
