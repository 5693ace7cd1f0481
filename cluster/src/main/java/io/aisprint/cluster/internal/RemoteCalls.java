package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import io.aisprint.cluster.NodeLostException;
import io.aisprint.cluster.RemoteRef;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgniteFuture;

/** Sends jobs to one chosen worker and turns Ignite's failures into ours. */
public final class RemoteCalls {
    private final Ignite ignite;
    private final LostAttempts driver;

    /** Told when an attempt's worker vanished, for the driver's report. */
    @FunctionalInterface
    public interface LostAttempts {
        void attemptLost(String nodeName, String taskName, int attempt);
    }

    public RemoteCalls(Ignite ignite, LostAttempts lost) {
        this.ignite = ignite;
        this.driver = lost;
    }

    public Object call(ClusterNode target, String nodeName, String taskName, int attempt, RemoteJob job) throws Exception {
        if (target == null) {
            driver.attemptLost(nodeName, taskName, attempt);
            throw new NodeLostException(nodeName, "node '" + nodeName + "' left the cluster before attempt " + attempt
                    + " of task '" + taskName + "' could start there", null);
        }
        // No Ignite failover: the runtime chose this node, and re-routing is the failure policy's call.
        IgniteFuture<byte[]> future = ignite.compute(ignite.cluster().forNode(target)).withNoFailover().callAsync(job);
        RemoteOutcome outcome;
        try {
            outcome = (RemoteOutcome) Payloads.read(future.get(), "the result of task '" + taskName + "'");
        } catch (IgniteException | CancellationException failed) {
            if (Thread.currentThread().isInterrupted()) {
                future.cancel();
                throw new InterruptedException("attempt of task '" + taskName + "' on node '" + nodeName + "' was stopped");
            }
            if (ignite.cluster().node(target.id()) == null) {
                driver.attemptLost(nodeName, taskName, attempt);
                throw new NodeLostException(nodeName, "node '" + nodeName + "' left the cluster while running attempt "
                        + attempt + " of task '" + taskName + "'", failed);
            }
            throw new ClusterException("could not run task '" + taskName + "' on node '" + nodeName + "': "
                    + IgniteNodes.rootMessage(failed), failed);
        }
        if (!outcome.ok()) {
            throw new RemoteTaskException(nodeName, outcome);
        }
        return outcome.value();
    }

    public Object fetch(RemoteRef<?> ref, ClusterNode owner) {
        if (owner == null) {
            throw new ClusterException("the value " + ref.key() + " was kept on node '" + ref.node()
                    + "', which has left the cluster; re-run the task that produced it");
        }
        byte[] bytes = ignite.compute(ignite.cluster().forNode(owner)).call(new RemoteJob.FetchJob(ref.key()));
        Object value = bytes == null ? null : Payloads.read(bytes, "kept value " + ref.key());
        if (value == null) {
            throw new ClusterException("node '" + ref.node() + "' holds no value " + ref.key());
        }
        return value;
    }

    public Map<String, Long> fetchCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (ClusterNode node : ignite.cluster().forServers().nodes()) {
            if (NodeAttributes.isWorker(node)) {
                counts.put(NodeAttributes.name(node),
                        ignite.compute(ignite.cluster().forNode(node)).call(new RemoteJob.FetchCountJob()));
            }
        }
        return counts;
    }

    /** The body threw on the worker; the message names the node and the remote exception. */
    static final class RemoteTaskException extends ClusterException {
        RemoteTaskException(String node, RemoteOutcome outcome) {
            super(outcome.errorClass() + ": " + outcome.message() + " (on node '" + node + "')");
            setStackTrace(new StackTraceElement[0]);
        }
    }
}
