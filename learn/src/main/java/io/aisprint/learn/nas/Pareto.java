package io.aisprint.learn.nas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Pareto fronts of (accuracy to maximise, latency to minimise), with POPNAS's weak dominance: a
 * point is dominated when another is at least as accurate and at most as slow, and differs.
 */
final class Pareto {
    private Pareto() {
    }

    static <T> List<T> front(List<T> points, ToDoubleFunction<T> accuracy, ToDoubleFunction<T> latency) {
        List<T> front = new ArrayList<>();
        for (T point : points) {
            boolean dominated = false;
            for (T other : points) {
                if (other != point && accuracy.applyAsDouble(other) >= accuracy.applyAsDouble(point)
                    && latency.applyAsDouble(other) <= latency.applyAsDouble(point)
                    && (accuracy.applyAsDouble(other) > accuracy.applyAsDouble(point) || latency.applyAsDouble(other) < latency.applyAsDouble(point))) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(point);
            }
        }
        front.sort(Comparator.comparingDouble(accuracy).reversed());
        return front;
    }

    /**
     * Up to {@code count} points taken front after front (each front in descending accuracy): the
     * predicted-Pareto-optimal children first, as POPNAS selects which to train.
     */
    static <T> List<T> layered(List<T> points, int count, ToDoubleFunction<T> accuracy, ToDoubleFunction<T> latency) {
        List<T> left = new ArrayList<>(points);
        List<T> chosen = new ArrayList<>();
        while (chosen.size() < count && !left.isEmpty()) {
            List<T> front = front(left, accuracy, latency);
            for (T point : front) {
                if (chosen.size() < count) {
                    chosen.add(point);
                }
            }
            left.removeAll(front);
        }
        return chosen;
    }

    /**
     * Area dominated by the points, from accuracy 0 up and from latency {@code reference} down
     * (points slower than the reference add nothing): larger is a better front.
     */
    static <T> double hypervolume(List<T> points, double reference, ToDoubleFunction<T> accuracy, ToDoubleFunction<T> latency) {
        List<T> front = new ArrayList<>(front(points, accuracy, latency));
        front.removeIf(p -> latency.applyAsDouble(p) >= reference);
        front.sort(Comparator.comparingDouble(latency));
        double area = 0;
        for (int i = 0; i < front.size(); i++) {
            double right = i + 1 < front.size() ? latency.applyAsDouble(front.get(i + 1)) : reference;
            // Between this point's latency and the next's, the best accuracy reachable is this point's.
            area += (right - latency.applyAsDouble(front.get(i))) * accuracy.applyAsDouble(front.get(i));
        }
        return area;
    }

    /** {@code count} members spread along the front by latency, the fastest and the most accurate always in. */
    static <T> List<T> spread(List<T> front, int count, ToDoubleFunction<T> latency) {
        List<T> byLatency = new ArrayList<>(front);
        byLatency.sort(Comparator.comparingDouble(latency));
        if (byLatency.size() <= count) {
            return byLatency;
        }
        List<T> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            T point = byLatency.get((int) Math.round(i * (byLatency.size() - 1) / (double) Math.max(1, count - 1)));
            if (!chosen.contains(point)) {
                chosen.add(point);
            }
        }
        return chosen;
    }
}
