package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import io.aisprint.cluster.RemoteFunction;
import io.aisprint.cluster.RemoteRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.lang.IgniteFuture;
import org.apache.ignite.resources.IgniteInstanceResource;

/** One attempt of a task, shipped to the worker the runtime chose. */
public final class RemoteJob implements IgniteCallable<byte[]> {
    private static final long serialVersionUID = 1L;

    /** The body and its input values, Java-serialised. */
    private final byte[] payload;
    private final boolean keep;
    private final String taskName;
    private final int attempt;

    @IgniteInstanceResource
    private transient Ignite ignite;

    RemoteJob(RemoteFunction<?> body, Object[] values, boolean keep, String taskName, int attempt) {
        this.payload = Payloads.write(new Object[] {body, values}, "task '" + taskName + "' and its inputs");
        this.keep = keep;
        this.taskName = taskName;
        this.attempt = attempt;
    }

    @Override
    public byte[] call() {
        try {
            return Payloads.write(outcome(), "the result of task '" + taskName + "'");
        } catch (io.aisprint.cluster.ClusterException unserialisable) {
            return Payloads.write(RemoteOutcome.failure(unserialisable), "the failure of task '" + taskName + "'");
        }
    }

    private RemoteOutcome outcome() {
        ClusterNode local = ignite.cluster().localNode();
        String nodeName = NodeAttributes.name(local);
        Map<String, String> labels = NodeAttributes.decode(local).labels();
        LocalStore store = LocalStore.of(ignite.name());
        try {
            Object[] unpacked = (Object[]) Payloads.read(payload, "task '" + taskName + "'");
            Object result = run((RemoteFunction<?>) unpacked[0], (Object[]) unpacked[1], keep, nodeName, labels, taskName, attempt, store,
                    ref -> fetch(ref, store));
            return RemoteOutcome.success(result);
        } catch (Throwable failed) {
            return RemoteOutcome.failure(failed);
        }
    }

    /** Runs a body with its inputs resolved; shared by the worker and the in-process path. */
    static Object run(RemoteFunction<?> body, Object[] values, boolean keep, String nodeName, Map<String, String> labels,
            String taskName, int attempt, LocalStore store, Function<RemoteRef<?>, CompletableFuture<Object>> fetcher) throws Exception {
        List<Object> args = new ArrayList<>(values.length);
        // Start every missing fetch before waiting on any, so transfers from different owners overlap.
        Map<String, CompletableFuture<Object>> fetching = new HashMap<>();
        for (Object value : values) {
            if (value instanceof RemoteRef<?> ref && store.get(ref.key()) == null) {
                fetching.computeIfAbsent(ref.key(), key -> fetcher.apply(ref));
            }
        }
        Path staging = null;
        try {
            for (Object value : values) {
                if (value instanceof RemoteRef<?> ref) {
                    Object local = store.get(ref.key());
                    args.add(local != null ? local : await(fetching.get(ref.key())));
                } else if (value instanceof StagedFile file) {
                    if (staging == null) {
                        staging = Files.createTempDirectory("aisprint-stage-");
                    }
                    args.add(file.writeInto(staging));
                } else {
                    args.add(value);
                }
            }
            Object result = body.apply(new RemoteContextImpl(args, nodeName, labels, taskName, attempt));
            if (!keep) {
                return result;
            }
            String key = UUID.randomUUID().toString();
            store.put(key, result);
            return new RemoteRef<>(nodeName, key);
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
            }
        }
    }

    private static Object await(CompletableFuture<Object> fetch) throws Exception {
        try {
            return fetch.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /**
     * Moves a kept value here once; later readers on this node use the copy, and readers that
     * need it while it is on its way wait for the same transfer instead of starting another.
     */
    private CompletableFuture<Object> fetch(RemoteRef<?> ref, LocalStore store) {
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
        ClusterNode owner = null;
        for (ClusterNode node : ignite.cluster().nodes()) {
            if (ref.node().equals(NodeAttributes.name(node))) {
                owner = node;
            }
        }
        if (owner == null) {
            store.endFetch(ref.key(), transfer);
            transfer.completeExceptionally(new ClusterException("the value " + ref.key() + " was kept on node '" + ref.node()
                    + "', which has left the cluster; re-run the task that produced it"));
            return transfer;
        }
        IgniteFuture<byte[]> call = ignite.compute(ignite.cluster().forNode(owner)).callAsync(new FetchJob(ref.key()));
        call.listen(done -> {
            try {
                byte[] bytes = done.get();
                Object value = bytes == null ? null : Payloads.read(bytes, "kept value " + ref.key());
                if (value == null) {
                    throw new ClusterException("node '" + ref.node() + "' no longer holds the value " + ref.key());
                }
                store.put(ref.key(), value);
                store.fetches.incrementAndGet();
                transfer.complete(value);
            } catch (RuntimeException failed) {
                transfer.completeExceptionally(failed);
            } finally {
                store.endFetch(ref.key(), transfer);
            }
        });
        return transfer;
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    /** Reads a kept value on its owner. */
    static final class FetchJob implements IgniteCallable<byte[]> {
        private static final long serialVersionUID = 1L;
        private final String key;

        @IgniteInstanceResource
        private transient Ignite ignite;

        FetchJob(String key) {
            this.key = key;
        }

        @Override
        public byte[] call() {
            Object value = LocalStore.of(ignite.name()).get(key);
            return value == null ? null : Payloads.write(value, "kept value " + key);
        }
    }

    /** Counts the values a node fetched from others (for locality checks and reports). */
    static final class FetchCountJob implements IgniteCallable<Long> {
        private static final long serialVersionUID = 1L;

        @IgniteInstanceResource
        private transient Ignite ignite;

        @Override
        public Long call() {
            return LocalStore.of(ignite.name()).fetchCount();
        }
    }
}
