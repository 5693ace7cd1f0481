package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import io.aisprint.cluster.RemoteFunction;
import io.aisprint.cluster.RemoteRef;
import io.aisprint.cluster.Reported;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * One attempt of a task, shipped to the worker the runtime chose as a RUN message:
 * {@code [8 request id][4 cores][1 keep][4 attempt][task name][body and input values]}.
 */
public final class RemoteJob {
    /** The body and its input values, Java-serialised. */
    private final byte[] payload;
    final boolean keep;
    final String taskName;
    final int attempt;
    final int cores;

    RemoteJob(RemoteFunction<?> body, Object[] values, boolean keep, String taskName, int attempt, int cores) {
        this(Payloads.write(new Object[] {body, values}, "task '" + taskName + "' and its inputs"), keep, taskName, attempt, cores);
    }

    private RemoteJob(byte[] payload, boolean keep, String taskName, int attempt, int cores) {
        this.payload = payload;
        this.keep = keep;
        this.taskName = taskName;
        this.attempt = attempt;
        this.cores = cores;
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(0); // the request id, filled in by the messenger
            out.writeInt(cores);
            out.writeBoolean(keep);
            out.writeInt(attempt);
            out.writeUTF(taskName);
            out.write(payload);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    /** The request id and the job of a RUN message. */
    record Received(long id, RemoteJob job) {
    }

    static Received decode(byte[] message) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(message))) {
            long id = in.readLong();
            int cores = in.readInt();
            boolean keep = in.readBoolean();
            int attempt = in.readInt();
            String taskName = in.readUTF();
            byte[] payload = in.readAllBytes();
            return new Received(id, new RemoteJob(payload, keep, taskName, attempt, cores));
        } catch (IOException broken) {
            throw new ClusterException("a malformed task message arrived: " + broken.getMessage(), broken);
        }
    }

    /** The body and its input values. */
    Object[] unpack() {
        return (Object[]) Payloads.read(payload, "task '" + taskName + "'");
    }

    /** Starts moving every input this node lacks, all at once so transfers from different owners overlap. */
    static Map<String, CompletableFuture<Object>> startFetches(Object[] values, LocalStore store,
            Function<RemoteRef<?>, CompletableFuture<Object>> fetcher) {
        Map<String, CompletableFuture<Object>> fetching = new HashMap<>();
        for (Object value : values) {
            if (value instanceof RemoteRef<?> ref && store.get(ref.key()) == null) {
                fetching.computeIfAbsent(ref.key(), key -> fetcher.apply(ref));
            }
        }
        return fetching;
    }

    /**
     * Runs a body with its inputs resolved: kept values from {@code store}, or from the
     * transfers {@link #startFetches} began; shared by the worker and the in-process path. A node
     * labelled {@code speed=F} (F < 1) then holds its cores for the emulated rest of the service time.
     */
    static RemoteResult run(RemoteFunction<?> body, Object[] values, boolean keep, String nodeName, Map<String, String> labels,
            String taskName, int attempt, LocalStore store, UUID driver, Map<String, CompletableFuture<Object>> fetching,
            long arrivedNanos) throws Exception {
        List<Object> args = new ArrayList<>(values.length);
        Path staging = null;
        try {
            for (Object value : values) {
                if (value instanceof RemoteRef<?> ref) {
                    CompletableFuture<Object> fetch = fetching.get(ref.key());
                    args.add(fetch != null ? await(fetch) : store.get(ref.key()));
                } else if (value instanceof StagedFile file) {
                    if (staging == null) {
                        staging = Files.createTempDirectory("aisprint-stage-");
                    }
                    args.add(file.writeInto(staging));
                } else {
                    args.add(value);
                }
            }
            long started = System.nanoTime();
            Object result = body.apply(new RemoteContextImpl(args, nodeName, labels, taskName, attempt));
            long computed = System.nanoTime() - started;
            double speed = WorkerSpeed.of(labels);
            long held = WorkerSpeed.hold(computed, speed);
            if (result instanceof Reported<?> reported) {
                result = reported.withTiming(new Reported.Timing(Math.max(0, started - arrivedNanos), computed, held, speed));
            }
            Map<Integer, byte[]> outputs = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof StagedFile file && file.output()) {
                    Path written = (Path) args.get(i);
                    if (!Files.exists(written)) {
                        throw new ClusterException("task '" + taskName + "' declared " + file.fileName()
                                + " as an output file but did not write ctx.file(" + i + ")");
                    }
                    outputs.put(i, Files.readAllBytes(written));
                }
            }
            if (!keep) {
                return new RemoteResult(result, outputs);
            }
            String key = UUID.randomUUID().toString();
            if (result instanceof Reported<?> reported) {
                // The report travels back; only the value stays here.
                store.put(key, reported.value(), driver);
                return new RemoteResult(reported.withValue(new RemoteRef<>(nodeName, key)), outputs);
            }
            store.put(key, result, driver);
            return new RemoteResult(new RemoteRef<>(nodeName, key), outputs);
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

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    /** A node's store figures: how many values it fetched from others, and how many it holds now. */
    static final class StoreStatsJob implements IgniteCallable<long[]> {
        private static final long serialVersionUID = 1L;

        @IgniteInstanceResource
        private transient Ignite ignite;

        @Override
        public long[] call() {
            LocalStore store = LocalStore.of(ignite.name());
            return new long[] {store.fetchCount(), store.size()};
        }
    }
}
