package io.aisprint.gpu;

/**
 * Settings of the job manager.
 *
 * @param profilingEpochs epochs the profiler runs in each configuration of an unseen job
 * @param idleDeallocationSeconds cloud only: a node idle this long has its VM released
 *     (the reference setting is 15 minutes)
 */
public record ManagerOptions(double profilingEpochs, double idleDeallocationSeconds) {
    public static ManagerOptions defaults() {
        return new ManagerOptions(2, 15 * 60);
    }
}
