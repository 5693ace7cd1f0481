package io.aisprint.cluster.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Kept values are freed when the driver's garbage collector finds their references dropped;
 * a driver that allocates little collects rarely. So a worker whose kept values take more than
 * 8 % of its heap, or whose old generation is more than a quarter full, asks the drivers (at
 * most every 300 ms) to look for dropped references now. Values freed early die young, which
 * keeps the worker's collections short.
 */
final class HeapWatch {
    private static final double FULL = 0.25;
    private static final double KEPT = 0.03;
    private static final long EVERY_MS = 150;

    private HeapWatch() {
    }

    static void start(Messenger messenger) {
        List<MemoryPoolMXBean> oldGeneration = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getUsage().getMax() > 0
                        && (pool.getName().contains("Old") || pool.getName().contains("Tenured")))
                .toList();
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "aisprint-heap-watch");
            thread.setDaemon(true);
            return thread;
        });
        long[] lastSignal = {0};
        watch.scheduleWithFixedDelay(() -> {
            if (messenger.executor.isShutdown()) {
                watch.shutdown();
                return;
            }
            boolean full = messenger.store().bytes() > KEPT * Runtime.getRuntime().maxMemory();
            for (MemoryPoolMXBean pool : oldGeneration) {
                full |= pool.getUsage().getUsed() > FULL * pool.getUsage().getMax();
            }
            if (full && System.nanoTime() - lastSignal[0] > TimeUnit.MILLISECONDS.toNanos(EVERY_MS)) {
                lastSignal[0] = System.nanoTime();
                messenger.signalPressure();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
    }
}
