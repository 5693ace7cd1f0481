package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import io.aisprint.cluster.RemoteRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.apache.ignite.lang.IgnitePredicate;

/**
 * One node's end of the data channel: attempts, results and kept values travel as Ignite user
 * messages over the (TLS) communication connections Ignite already keeps between members,
 * instead of as compute tasks, which cost a task session and two marshalled job objects each.
 * Requests wait in a table until the answer arrives or the peer leaves the cluster.
 */
public final class Messenger {
    static final String RUN = "aisprint.run";
    static final String DONE = "aisprint.done";
    static final String CANCEL = "aisprint.cancel";
    static final String FETCH = "aisprint.fetch";
    static final String VALUE = "aisprint.value";
    static final String FREE = "aisprint.free";
    /** A worker's heap is filling with kept values: drivers should find the ones they dropped. */
    static final String PRESSURE = "aisprint.pressure";
    /** A worker answers it once it listens for attempts; Ignite drops messages to topics nobody listens to yet. */
    static final String READY = "aisprint.ready";
    private static final int[] DEPARTURES = {EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED};
    private static final Map<String, Messenger> BY_INSTANCE = new ConcurrentHashMap<>();

    private final Ignite ignite;
    private final LocalStore store;
    /** Runs handlers off Ignite's message threads, which must not wait on anything. */
    final ExecutorService executor;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Request> requests = new ConcurrentHashMap<>();
    private final Map<String, IgniteBiPredicate<UUID, Object>> listeners = new ConcurrentHashMap<>();
    private final IgnitePredicate<DiscoveryEvent> departures = this::onDeparture;

    /** An answer still expected from {@code peer}. */
    private record Request(UUID peer, CompletableFuture<byte[]> answer) {
    }

    private Messenger(Ignite ignite) {
        this.ignite = ignite;
        this.store = LocalStore.of(ignite.name());
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "aisprint-" + ignite.name() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ignite.events().localListen(departures, DEPARTURES);
        listen(FETCH, this::serveFetch);
        listen(VALUE, (peer, message) -> answer(message));
        listen(DONE, (peer, message) -> answer(message));
        listen(FREE, (peer, message) -> {
            for (String key : new String(message, StandardCharsets.UTF_8).split("\n")) {
                store.remove(key);
            }
        });
    }

    static Messenger start(Ignite ignite) {
        Messenger messenger = new Messenger(ignite);
        BY_INSTANCE.put(ignite.name(), messenger);
        return messenger;
    }

    public static Messenger of(Ignite ignite) {
        Messenger messenger = BY_INSTANCE.get(ignite.name());
        if (messenger == null) {
            throw new ClusterException("node '" + ignite.name() + "' is not running");
        }
        return messenger;
    }

    static void stop(String instance) {
        Messenger messenger = BY_INSTANCE.remove(instance);
        if (messenger == null) {
            return;
        }
        try {
            messenger.listeners.forEach((topic, listener) -> messenger.ignite.message().stopLocalListen(topic, listener));
            messenger.ignite.events().stopLocalListen(messenger.departures, DEPARTURES);
        } catch (IgniteException | IllegalStateException stopping) {
            // the node is going away anyway
        }
        messenger.executor.shutdownNow();
        ClusterException closed = new ClusterException("node '" + instance + "' stopped");
        messenger.requests.values().forEach(request -> request.answer().completeExceptionally(closed));
    }

    /** Calls {@code handler(sender, message)} for every message on {@code topic}; runs on Ignite's thread. */
    void listen(String topic, BiConsumer<UUID, byte[]> handler) {
        IgniteBiPredicate<UUID, Object> listener = (sender, message) -> {
            handler.accept(sender, (byte[]) message);
            return true;
        };
        listeners.put(topic, listener);
        ignite.message().localListen(topic, listener);
    }

    /** Tells every driver that this worker's heap fills up. */
    void signalPressure() {
        for (ClusterNode node : ignite.cluster().forServers().nodes()) {
            if (NodeAttributes.DRIVER.equals(node.attribute(NodeAttributes.ROLE))) {
                try {
                    send(node.id(), PRESSURE, new byte[0]);
                } catch (IgniteException unreachable) {
                    // that driver is leaving
                }
            }
        }
    }

    /** Tells every worker to drop these kept values (originals and copies). */
    void free(java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        byte[] message = String.join("\n", keys).getBytes(StandardCharsets.UTF_8);
        for (ClusterNode node : ignite.cluster().forServers().nodes()) {
            if (NodeAttributes.isWorker(node)) {
                try {
                    send(node.id(), FREE, message);
                } catch (IgniteException unreachable) {
                    // a departing worker drops everything anyway
                }
            }
        }
    }

    /** Sends a one-way message; false when the peer has already left. */
    boolean send(UUID peer, String topic, byte[] message) {
        ClusterNode node = ignite.cluster().node(peer);
        if (node == null) {
            return false;
        }
        try {
            ignite.message(ignite.cluster().forNode(node)).send(topic, message);
            return true;
        } catch (IgniteException gone) {
            if (ignite.cluster().node(peer) == null) {
                return false;
            }
            throw gone;
        }
    }

    /**
     * Sends a request whose first 8 bytes the caller leaves free for its id; the future
     * completes with the answer (its body after the first 8 bytes), or with
     * {@link PeerGoneException} when {@code peer} leaves first.
     */
    Pending request(UUID peer, String topic, byte[] message) {
        long id = ids.incrementAndGet();
        ByteBuffer.wrap(message).putLong(0, id);
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        requests.put(id, new Request(peer, answer));
        answer.whenComplete((body, failure) -> requests.remove(id));
        if (!send(peer, topic, message)) {
            answer.completeExceptionally(new PeerGoneException());
        }
        return new Pending(id, answer);
    }

    /** A request on its way: its id (to cancel it) and its answer. */
    record Pending(long id, CompletableFuture<byte[]> answer) {
    }

    /**
     * Whether the worker {@code peer} listens for attempts, asking again every 200 ms until
     * {@code timeout}; false when it left or never answered.
     */
    public boolean awaitReady(UUID peer, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            CompletableFuture<byte[]> answer = request(peer, READY, new byte[8]).answer();
            try {
                answer.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                return true;
            } catch (java.util.concurrent.TimeoutException notYet) {
                answer.cancel(false);
            } catch (java.util.concurrent.ExecutionException gone) {
                return false;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Answers carry the request's id in their first 8 bytes; the answer future gets the whole message. */
    private void answer(byte[] message) {
        if (message.length < 8) {
            return;
        }
        Request request = requests.get(ByteBuffer.wrap(message).getLong(0));
        if (request != null) {
            request.answer().complete(message);
        }
    }

    /** Kept values: a FETCH is [id][key]; the VALUE answer is [id][serialised value], nothing after the id when not held. */
    CompletableFuture<byte[]> fetch(UUID owner, String key) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[8 + name.length];
        System.arraycopy(name, 0, message, 8, name.length);
        return request(owner, FETCH, message).answer();
    }

    /**
     * A kept value, from this node's store or moved here once from its owner; readers that need
     * it while it is on its way share that one transfer. With {@code copyFor} (the driver whose
     * task needs it) later readers on this node use the copy; the driver itself keeps none (null).
     */
    CompletableFuture<Object> value(RemoteRef<?> ref, UUID copyFor) {
        Object here = store.get(ref.key());
        if (here != null) {
            return CompletableFuture.completedFuture(here);
        }
        CompletableFuture<Object> transfer = new CompletableFuture<>();
        CompletableFuture<Object> already = store.startFetch(ref.key(), transfer);
        if (already != null) {
            return already;
        }
        Object arrived = store.get(ref.key());
        if (arrived != null) { // another reader finished the transfer just now
            store.endFetch(ref.key(), transfer);
            transfer.complete(arrived);
            return transfer;
        }
        ClusterNode owner = nodeNamed(ref.node());
        if (owner == null) {
            store.endFetch(ref.key(), transfer);
            transfer.completeExceptionally(new ClusterException("the value " + ref.key() + " was kept on node '" + ref.node()
                    + "', which has left the cluster; re-run the task that produced it"));
            return transfer;
        }
        fetch(owner.id(), ref.key()).whenComplete((bytes, failure) -> {
            try {
                if (failure != null) {
                    throw failure instanceof PeerGoneException
                            ? new ClusterException("node '" + ref.node() + "' left the cluster while sending the value " + ref.key())
                            : new ClusterException("could not fetch the value " + ref.key() + " from node '" + ref.node() + "': "
                            + failure.getMessage(), failure);
                }
                if (bytes.length == 8) {
                    throw new ClusterException("node '" + ref.node() + "' no longer holds the value " + ref.key());
                }
                Object value = Payloads.read(bytes, 8, "kept value " + ref.key());
                if (copyFor != null) {
                    store.putCopy(ref.key(), value, bytes.length - 8, copyFor);
                    store.fetches.incrementAndGet();
                }
                transfer.complete(value);
            } catch (RuntimeException failed) {
                transfer.completeExceptionally(failed);
            } finally {
                store.endFetch(ref.key(), transfer);
            }
        });
        return transfer;
    }

    ClusterNode nodeNamed(String name) {
        for (ClusterNode node : ignite.cluster().nodes()) {
            if (name.equals(NodeAttributes.name(node))) {
                return node;
            }
        }
        return null;
    }

    LocalStore store() {
        return store;
    }

    Ignite ignite() {
        return ignite;
    }

    private void serveFetch(UUID reader, byte[] message) {
        if (message.length < 8) {
            return;
        }
        long id = ByteBuffer.wrap(message).getLong(0);
        String key = new String(message, 8, message.length - 8, StandardCharsets.UTF_8);
        // Served on Ignite's message thread: the value is here, and a hand-over would only add latency.
        byte[] bytes = store.serialised(key, 8);
        byte[] answer = bytes == null ? new byte[8] : bytes;
        ByteBuffer.wrap(answer).putLong(0, id);
        try {
            send(reader, VALUE, answer);
        } catch (IgniteException unreachable) {
            // the reader's departure fails its request there
        }
    }

    private boolean onDeparture(DiscoveryEvent event) {
        UUID gone = event.eventNode().id();
        store.dropDriver(gone);
        for (Request request : requests.values()) {
            if (request.peer().equals(gone)) {
                request.answer().completeExceptionally(new PeerGoneException());
            }
        }
        return true;
    }

    /** The member a request went to left the cluster before answering. */
    static final class PeerGoneException extends RuntimeException {
        PeerGoneException() {
            super("the member left the cluster", null, false, false);
        }
    }
}
