/**
 * Scheduling of deep-learning training jobs on GPU clusters: the model ({@link io.aisprint.gpu.Job},
 * {@link io.aisprint.gpu.Node}, {@link io.aisprint.gpu.CostModel}), the policies
 * ({@link io.aisprint.gpu.Policies}), the event-driven {@link io.aisprint.gpu.JobManager}, the
 * {@link io.aisprint.gpu.Simulator}, the reference web service ({@link io.aisprint.gpu.OptimizerService},
 * {@link io.aisprint.gpu.WebService}) and readers for the reference data ({@link io.aisprint.gpu.AnchorFiles})
 * and our trace format ({@link io.aisprint.gpu.ScenarioFile}).
 */
package io.aisprint.gpu;
