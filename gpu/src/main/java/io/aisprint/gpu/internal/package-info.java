/**
 * How the gpu module works, free to change: the event-driven {@link io.aisprint.gpu.internal.JobManager}
 * and its {@link io.aisprint.gpu.internal.ProfileStore}, and the optimizer's search (greedy
 * construction, randomized restarts, local search, path relinking, baselines). Only the gpu module
 * uses this package; other modules go through the API in {@code io.aisprint.gpu}.
 */
package io.aisprint.gpu.internal;
