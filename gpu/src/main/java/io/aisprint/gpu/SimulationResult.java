package io.aisprint.gpu;

import java.util.List;

/**
 * Outcome of one simulated run.
 *
 * @param gpuCost energy cost (private cluster) or VM cost (cloud)
 * @param nodeCost static node cost
 * @param tardinessCost weighted tardiness, Σ w·max(0, C − d)
 * @param totalTardinessSeconds Σ max(0, C − d)
 * @param energyKwh energy drawn by busy GPUs, NaN when the cost model has no power data
 * @param utilisation busy GPU-seconds over available GPU-seconds until the last completion
 */
public record SimulationResult(String method, double totalCost, double gpuCost, double nodeCost, double tardinessCost,
                               double totalTardinessSeconds, double energyKwh, double utilisation, double makespanSeconds,
                               int jobs, int lateJobs, int preemptions, int migrations, double meanDecisionMillis,
                               double maxDecisionMillis, List<Segment> segments) {
    public SimulationResult {
        segments = List.copyOf(segments);
    }
}
