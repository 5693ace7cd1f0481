package io.aisprint.gpu.internal;

import java.util.ArrayList;
import java.util.List;

/** The best distinct solutions found so far, cheapest first. */
final class ElitePool {
    record Entry(Solution solution, double cost) {
    }

    private final int capacity;
    private final List<Entry> entries = new ArrayList<>();

    ElitePool(int capacity) {
        this.capacity = capacity;
    }

    /** Offers a solution; keeps it if it is among the best and not already present. */
    boolean offer(Solution solution, double cost) {
        if (entries.size() == capacity && cost >= entries.get(entries.size() - 1).cost()) {
            return false;
        }
        for (Entry entry : entries) {
            if (entry.solution().sameAs(solution)) {
                return false;
            }
        }
        int at = 0;
        while (at < entries.size() && entries.get(at).cost() <= cost) {
            at++;
        }
        entries.add(at, new Entry(solution.copy(), cost));
        if (entries.size() > capacity) {
            entries.remove(entries.size() - 1);
        }
        return true;
    }

    Entry best() {
        return entries.get(0);
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    int size() {
        return entries.size();
    }
}
