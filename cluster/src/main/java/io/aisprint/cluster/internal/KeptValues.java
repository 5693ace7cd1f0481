package io.aisprint.cluster.internal;

import io.aisprint.cluster.RemoteRef;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Frees values kept on workers once nothing on the driver can name them any more: each
 * {@link RemoteRef} a {@code Remote.keep} body produced is tracked, and when the application and
 * the runtime have dropped it (it became unreachable), its key is sent to the workers to drop the
 * value and its copies. Keys are sent in batches, every {@value #FLUSH_MS} ms at most.
 */
public final class KeptValues implements AutoCloseable {
    private static final long FLUSH_MS = 50;
    private static final Cleaner CLEANER = Cleaner.create();

    private final Map<String, WeakReference<RemoteRef<?>>> live = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> unused = new ConcurrentLinkedQueue<>();
    private final Consumer<List<String>> free;
    private final java.util.concurrent.atomic.AtomicLong lastCollection = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "aisprint-kept-values");
        thread.setDaemon(true);
        return thread;
    });

    public KeptValues(Consumer<List<String>> free) {
        this.free = free;
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts tracking a reference that arrived from a worker; a second copy of one already
     * tracked (a body that returned its input) is replaced by the first, so both stay one.
     */
    public <T> RemoteRef<T> track(RemoteRef<T> ref) {
        while (true) {
            WeakReference<RemoteRef<?>> known = live.get(ref.key());
            if (known != null) {
                @SuppressWarnings("unchecked")
                RemoteRef<T> same = (RemoteRef<T>) known.get();
                if (same != null) {
                    return same;
                }
                live.remove(ref.key(), known);
                continue;
            }
            WeakReference<RemoteRef<?>> mine = new WeakReference<>(ref);
            if (live.putIfAbsent(ref.key(), mine) == null) {
                String key = ref.key();
                CLEANER.register(ref, () -> {
                    live.remove(key, mine);
                    unused.add(key);
                });
                return ref;
            }
        }
    }

    /**
     * A worker's heap fills up: look for dropped references now (at most every 250 ms). With
     * {@code -XX:+ExplicitGCInvokesConcurrent} (the launcher sets it) this is a concurrent cycle
     * with short pauses rather than a full collection.
     */
    public void collectSoon() {
        long now = System.nanoTime();
        long last = lastCollection.get();
        if (now - last > TimeUnit.MILLISECONDS.toNanos(150) && lastCollection.compareAndSet(last, now)) {
            flusher.execute(System::gc);
        }
    }

    /** How many kept values the driver can still name. */
    public int tracked() {
        return live.size();
    }

    void flush() {
        List<String> keys = new ArrayList<>();
        for (String key; (key = unused.poll()) != null;) {
            keys.add(key);
        }
        if (!keys.isEmpty()) {
            try {
                free.accept(keys);
            } catch (RuntimeException notNow) {
                // the cluster is going away; its workers drop what this driver kept
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
    }
}
