package io.aisprint.gpu;

/**
 * A GPU node: {@code gpus} GPUs of one type, and a static cost per hour charged while the
 * node runs at least one job.
 */
public record Node(String id, String gpuType, int gpus, double staticCostPerHour) {
    public Node {
        if (id == null || id.isBlank()) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "A node needs an id.");
        }
        if (gpus < 1) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Node " + id + " has gpus=" + gpus + "; expected at least 1.");
        }
        if (staticCostPerHour < 0) {
            throw new GpuException(ErrorCode.INVALID_INPUT,
                "Node " + id + " has cost=" + staticCostPerHour + "; expected 0 or more per hour.");
        }
    }
}
