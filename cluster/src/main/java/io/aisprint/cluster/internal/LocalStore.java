package io.aisprint.cluster.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values kept on this node (results produced here and copies fetched from other nodes), one
 * store per Ignite instance so several nodes can share a JVM in tests.
 */
public final class LocalStore {
    private static final Map<String, LocalStore> STORES = new ConcurrentHashMap<>();
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    /** Transfers from other nodes under way, so concurrent readers of one value share one. */
    private final Map<String, CompletableFuture<Object>> fetching = new ConcurrentHashMap<>();
    /** How many values were fetched from other nodes. */
    final AtomicLong fetches = new AtomicLong();

    public static LocalStore of(String instance) {
        return STORES.computeIfAbsent(instance == null ? "" : instance, key -> new LocalStore());
    }

    static void drop(String instance) {
        STORES.remove(instance == null ? "" : instance);
    }

    Object get(String key) {
        return values.get(key);
    }

    void put(String key, Object value) {
        values.put(key, value);
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
