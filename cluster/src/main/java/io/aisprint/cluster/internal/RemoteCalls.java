package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import io.aisprint.cluster.NodeLostException;
import io.aisprint.cluster.RemoteRef;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;

/** Sends attempts to one chosen worker and turns the cluster's failures into ours. */
public final class RemoteCalls {
    private final Ignite ignite;
    private final Messenger messenger;
    private final LostAttempts driver;
    private final KeptValues kept;

    /** Told when an attempt's worker vanished, for the driver's report. */
    @FunctionalInterface
    public interface LostAttempts {
        void attemptLost(String nodeName, String taskName, int attempt);
    }

    public RemoteCalls(Ignite ignite, LostAttempts lost) {
        this.ignite = ignite;
        this.messenger = Messenger.of(ignite);
        this.driver = lost;
        this.kept = new KeptValues(messenger::free);
        messenger.listen(Messenger.PRESSURE, (worker, message) -> kept.collectSoon());
    }

    /** Stops freeing kept values (the driver is leaving; workers drop its values when it is gone). */
    public void close() {
        kept.close();
    }

    public int trackedValues() {
        return kept.tracked();
    }

    public RemoteResult call(ClusterNode target, String nodeName, String taskName, int attempt, RemoteJob job) throws Exception {
        if (target == null) {
            throw lost(nodeName, taskName, attempt, "left the cluster before attempt " + attempt + " of task '" + taskName
                    + "' could start there", null);
        }
        // No re-routing here: the runtime chose this node, and running elsewhere is the failure policy's call.
        Messenger.Pending pending;
        try {
            pending = messenger.request(target.id(), Messenger.RUN, job.encode());
        } catch (IgniteException failed) {
            throw new ClusterException("could not send task '" + taskName + "' to node '" + nodeName + "': "
                    + IgniteNodes.rootMessage(failed), failed);
        }
        byte[] answer;
        try {
            answer = pending.answer().get();
        } catch (InterruptedException stopped) {
            pending.answer().cancel(false);
            byte[] cancel = new byte[8];
            ByteBuffer.wrap(cancel).putLong(pending.id());
            try {
                messenger.send(target.id(), Messenger.CANCEL, cancel);
            } catch (IgniteException unreachable) {
                // the worker is going away; nothing left to stop there
            }
            throw new InterruptedException("attempt of task '" + taskName + "' on node '" + nodeName + "' was stopped");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Messenger.PeerGoneException) {
                throw lost(nodeName, taskName, attempt, "left the cluster while running attempt " + attempt + " of task '"
                        + taskName + "'", failed.getCause());
            }
            throw new ClusterException("could not run task '" + taskName + "' on node '" + nodeName + "': "
                    + IgniteNodes.rootMessage(failed), failed);
        }
        RemoteOutcome outcome = (RemoteOutcome) Payloads.read(answer, 8, "the result of task '" + taskName + "'");
        if (!outcome.ok()) {
            throw new RemoteTaskException(nodeName, outcome);
        }
        return new RemoteResult(tracked(outcome.value()), outcome.files());
    }

    /** Kept references (bare or inside a report) are tracked so their values are freed when dropped. */
    private Object tracked(Object value) {
        if (value instanceof RemoteRef<?> ref) {
            return kept.track(ref);
        }
        if (value instanceof io.aisprint.cluster.Reported<?> reported && reported.value() instanceof RemoteRef<?> ref) {
            return reported.withValue(kept.track(ref));
        }
        return value;
    }

    private NodeLostException lost(String nodeName, String taskName, int attempt, String what, Throwable cause) {
        driver.attemptLost(nodeName, taskName, attempt);
        return new NodeLostException(nodeName, "node '" + nodeName + "' " + what, cause);
    }

    public Object fetch(RemoteRef<?> ref) {
        try {
            return messenger.value(ref, null).get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while fetching the value " + ref.key() + " from node '" + ref.node() + "'");
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof ClusterException known ? known
                    : new ClusterException("could not fetch the value " + ref.key() + ": " + failed.getCause(), failed.getCause());
        }
    }

    /** Per worker: {@code which} 0 = values fetched from other workers, 1 = values held now. */
    public Map<String, Long> storeStats(int which) {
        Map<String, Long> counts = new TreeMap<>();
        for (ClusterNode node : ignite.cluster().forServers().nodes()) {
            if (NodeAttributes.isWorker(node)) {
                counts.put(NodeAttributes.name(node),
                        ignite.compute(ignite.cluster().forNode(node)).call(new RemoteJob.StoreStatsJob())[which]);
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
