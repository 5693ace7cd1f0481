package io.aisprint.cluster.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values kept on this node (results produced here and copies fetched from other nodes), one
 * store per Ignite instance so several nodes can share a JVM in tests. A value is serialised
 * afresh for each node that fetches it rather than kept twice in memory (raw arrays serialise
 * at memory speed; most values are read by one other node).
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

        Entry(Object value, long size, java.util.UUID driver) {
            this.value = value;
            this.driver = driver;
            this.size = size;
        }
    }

    private static long sizeOf(Object value, long serialisedLength) {
        long raw = Payloads.rawSize(value);
        return raw >= 0 ? raw : serialisedLength > 0 ? serialisedLength : 1024;
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
        store(key, new Entry(value, sizeOf(value, 0), driver));
    }

    /** Stores a copy that arrived from another node ({@code length}: the bytes it came as). */
    void putCopy(String key, Object value, int length, java.util.UUID driver) {
        store(key, new Entry(value, sizeOf(value, length), driver));
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

    /** The value's serialised form after {@code header} free bytes, or null when this node does not hold it. */
    byte[] serialised(String key, int header) {
        Entry entry = values.get(key);
        if (entry == null) {
            return null;
        }
        return Payloads.write(entry.value, "kept value " + key, header);
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
