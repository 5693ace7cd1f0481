package io.aisprint.cluster.internal;

/** The driver a backend thread is running attempts for; set by {@link ClusterBackend} around each attempt. */
public interface DriverSession {
    ThreadLocal<DriverSession> CURRENT = new ThreadLocal<>();

    static DriverSession current() {
        return CURRENT.get();
    }

    /** Runs the job on the named worker and returns its result, or throws what the body threw. */
    RemoteResult call(String nodeName, String taskName, int attempt, RemoteJob job) throws Exception;

    /** An attempt on {@code nodeName} ended (its thread is about to be reused). */
    void attemptEnded(String nodeName);

    /** The runtime using this session closed. */
    void runtimeClosed();
}
