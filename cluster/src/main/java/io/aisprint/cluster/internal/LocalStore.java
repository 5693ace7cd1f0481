package io.aisprint.cluster.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values kept on this node (results produced here and copies fetched from other nodes), one
 * store per Ignite instance so several nodes can share a JVM in tests. A value's serialised
 * form is kept once made, so a value read by several nodes is serialised once.
 */
public final class LocalStore {
    private static final Map<String, LocalStore> STORES = new ConcurrentHashMap<>();
    private final Map<String, Entry> values = new ConcurrentHashMap<>();
    /** Transfers from other nodes under way, so concurrent readers of one value share one. */
    private final Map<String, CompletableFuture<Object>> fetching = new ConcurrentHashMap<>();
    /** How many values were fetched from other nodes. */
    final AtomicLong fetches = new AtomicLong();
    /** Roughly how many bytes the values take (exact for primitive arrays). */
    private final AtomicLong bytes = new AtomicLong();

    private static final class Entry {
        final Object value;
        /** The driver whose task produced or needed the value; its departure frees it. */
        final java.util.UUID driver;
        final long size;
        volatile byte[] serialised;

        Entry(Object value, byte[] serialised, java.util.UUID driver) {
            this.value = value;
            this.serialised = serialised;
            this.driver = driver;
            this.size = sizeOf(value, serialised);
        }
    }

    private static long sizeOf(Object value, byte[] serialised) {
        if (value instanceof double[] array) {
            return 8L * array.length;
        } else if (value instanceof long[] array) {
            return 8L * array.length;
        } else if (value instanceof float[] array) {
            return 4L * array.length;
        } else if (value instanceof int[] array) {
            return 4L * array.length;
        } else if (value instanceof byte[] array) {
            return array.length;
        }
        return serialised != null ? serialised.length : 1024;
    }

    public static LocalStore of(String instance) {
        return STORES.computeIfAbsent(instance == null ? "" : instance, key -> new LocalStore());
    }

    static void drop(String instance) {
        STORES.remove(instance == null ? "" : instance);
    }

    Object get(String key) {
        Entry entry = values.get(key);
        return entry == null ? null : entry.value;
    }

    void put(String key, Object value, java.util.UUID driver) {
        store(key, new Entry(value, null, driver));
    }

    /** Stores a copy that arrived from another node, with the bytes it came as. */
    void putCopy(String key, Object value, byte[] serialised, java.util.UUID driver) {
        store(key, new Entry(value, serialised, driver));
    }

    private void store(String key, Entry entry) {
        bytes.addAndGet(entry.size);
        Entry old = values.put(key, entry);
        if (old != null) {
            bytes.addAndGet(-old.size);
        }
    }

    /** Drops what a driver that left the cluster kept here. */
    void dropDriver(java.util.UUID driver) {
        values.forEach((key, entry) -> {
            if (driver.equals(entry.driver)) {
                remove(key);
            }
        });
    }

    /** Roughly how many bytes the kept values take. */
    long bytes() {
        return bytes.get();
    }

    /** The value's serialised form, or null when this node does not hold it. */
    byte[] serialised(String key) {
        Entry entry = values.get(key);
        if (entry == null) {
            return null;
        }
        byte[] bytes = entry.serialised;
        if (bytes == null) {
            bytes = Payloads.write(entry.value, "kept value " + key);
            entry.serialised = bytes;
        }
        return bytes;
    }

    void remove(String key) {
        Entry old = values.remove(key);
        if (old != null) {
            bytes.addAndGet(-old.size);
        }
    }

    /** How many values this node holds. */
    public int size() {
        return values.size();
    }

    /** Registers {@code transfer} for {@code key}; returns the one already under way, if any. */
    CompletableFuture<Object> startFetch(String key, CompletableFuture<Object> transfer) {
        return fetching.putIfAbsent(key, transfer);
    }

    void endFetch(String key, CompletableFuture<Object> transfer) {
        fetching.remove(key, transfer);
    }

    public long fetchCount() {
        return fetches.get();
    }
}
