package io.aisprint.gpu.internal;

import io.aisprint.gpu.Configuration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Known seconds per epoch of each application in each configuration. The profiler fills it
 * when it has measured a new job, and the manager refreshes it with what finished jobs
 * actually took, so later jobs of the same application need no profiling.
 */
public final class ProfileStore {
    private final Map<String, Map<Configuration, Double>> byApplication = new HashMap<>();

    public synchronized void record(String application, Map<Configuration, Double> secondsPerEpoch) {
        if (application.isEmpty()) {
            return;
        }
        byApplication.computeIfAbsent(application, a -> new TreeMap<>()).putAll(secondsPerEpoch);
    }

    public synchronized Map<Configuration, Double> profile(String application) {
        return Map.copyOf(byApplication.getOrDefault(application, Map.of()));
    }

    public synchronized int size() {
        return byApplication.size();
    }
}
