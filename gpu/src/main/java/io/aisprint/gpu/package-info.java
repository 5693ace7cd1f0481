/**
 * Scheduling of deep-learning training jobs on GPU clusters — the module's API, which the CLI,
 * the server and the benchmarks use: the model ({@link io.aisprint.gpu.Job},
 * {@link io.aisprint.gpu.Node}, {@link io.aisprint.gpu.CostModel}, {@link io.aisprint.gpu.Plan}),
 * the policies ({@link io.aisprint.gpu.Policies}), the {@link io.aisprint.gpu.Simulator} and the
 * {@link io.aisprint.gpu.LiveCluster} (both driven by the event-driven job manager of the
 * {@code internal} package), the reference web service ({@link io.aisprint.gpu.OptimizerService},
 * {@link io.aisprint.gpu.WebService}) and readers for the reference data
 * ({@link io.aisprint.gpu.AnchorFiles}) and our trace format ({@link io.aisprint.gpu.ScenarioFile}).
 *
 * <p>Implementation lives in {@code io.aisprint.gpu.internal} (no other module may import it,
 * {@code cli/.../ArchitectureTest} checks that); executors in {@code executor}; the execution
 * back-end plug-in point in {@code spi}.
 */
package io.aisprint.gpu;
