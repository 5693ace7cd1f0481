package io.aisprint.runtime.spi;

/**
 * Marks an exception that means the attempt's node went away (a crashed or unreachable cluster
 * member), not that the task failed. The runtime runs such an attempt again on another node
 * whatever the task's failure policy, up to {@link #RERUNS} times per task; only the task's own
 * failures count against its policy. A backend's exceptions implement it.
 */
public interface NodeLoss {
    /** How many lost attempts of one task are re-run before the loss counts as a failure. */
    int RERUNS = 3;
}
