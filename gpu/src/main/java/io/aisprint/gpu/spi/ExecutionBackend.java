package io.aisprint.gpu.spi;

import io.aisprint.gpu.Assignment;
import io.aisprint.gpu.Configuration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Where the job manager's decisions take effect: simulated jobs, or real processes pinned to
 * GPUs. The manager tells the backend what to start and stop; the backend tells the manager,
 * through its event methods, when jobs finish and profiling runs end.
 */
public interface ExecutionBackend {

    /** Starts (or resumes, from {@code completed} share of its epochs) a job on concrete GPUs of a node. */
    void start(Assignment assignment, List<Integer> gpuIndices, double completed);

    /**
     * Preempts a running job: it checkpoints and stops. Returns the share of its epochs the job
     * reports done, when the backend observes it (a real process); empty leaves the manager's
     * own estimate in place.
     */
    OptionalDouble stop(String jobId);

    /** Runs {@code epochs} epochs of an unprofiled job in each configuration, one after the other, on an idle node. */
    void startProfiling(String jobId, String nodeId, List<Configuration> configurations, double epochs);

    /** Cloud only: the VM of a node that has been idle too long is released. */
    default void deallocate(String nodeId) {
    }
}
