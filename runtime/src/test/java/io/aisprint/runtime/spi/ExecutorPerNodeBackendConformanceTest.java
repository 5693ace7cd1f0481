package io.aisprint.runtime.spi;

import io.aisprint.runtime.NodeSpec;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A second backend, shaped like a cluster one (each node has its own executor, as a member
 * would), to show the runtime depends on the SPI only.
 */
class ExecutorPerNodeBackendConformanceTest extends NodeBackendConformanceKit {

    static class ExecutorPerNodeBackend implements NodeBackend {
        private final Map<String, ExecutorService> executors = new ConcurrentHashMap<>();
        private final Set<Thread> workers = ConcurrentHashMap.newKeySet();

        @Override
        public void nodeAdded(NodeSpec node) {
            executors.put(node.name(), Executors.newFixedThreadPool(node.cores(), runnable -> {
                Thread thread = new Thread(() -> {
                    workers.add(Thread.currentThread());
                    runnable.run();
                }, "node-" + node.name());
                thread.setDaemon(true);
                return thread;
            }));
        }

        @Override
        public void nodeRemoved(String nodeName) {
            ExecutorService executor = executors.remove(nodeName);
            if (executor != null) {
                executor.shutdown();
            }
        }

        @Override
        public void execute(NodeSpec node, Runnable work) {
            executors.get(node.name()).execute(work);
        }

        @Override
        public boolean isWorkerThread() {
            return workers.contains(Thread.currentThread());
        }

        @Override
        public void close() {
            executors.values().forEach(ExecutorService::shutdownNow);
        }
    }

    @Override
    protected NodeBackend newBackend() {
        return new ExecutorPerNodeBackend();
    }
}
