package io.aisprint.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order in which the live view and the report list components and paths: components as the
 * DAG runs them, then paths by where they start in the DAG (then by name), so that a reader finds
 * each one in the same place every time (the run's maps have no order of their own).
 */
public final class DagOrder {
    private DagOrder() {
    }

    /** {@code components} in DAG order, followed by any other key of {@code present} that is not a path. */
    public static List<String> components(List<String> dagOrder, Iterable<String> present, Map<String, List<String>> paths) {
        List<String> ordered = new ArrayList<>(dagOrder);
        List<String> others = new ArrayList<>();
        present.forEach(key -> {
            if (!ordered.contains(key) && !paths.containsKey(key)) {
                others.add(key);
            }
        });
        others.sort(Comparator.naturalOrder());
        ordered.addAll(others);
        return ordered;
    }

    /** Path names ordered by the DAG position of their first component, then by their last, then by name. */
    public static List<String> paths(List<String> dagOrder, Map<String, List<String>> paths) {
        Comparator<String> byStart = Comparator.comparingInt(name -> position(dagOrder, paths.get(name), 0));
        Comparator<String> byEnd = Comparator.comparingInt(name -> position(dagOrder, paths.get(name), paths.get(name).size() - 1));
        return paths.keySet().stream().sorted(byStart.thenComparing(byEnd).thenComparing(Comparator.naturalOrder())).toList();
    }

    private static int position(List<String> dagOrder, List<String> path, int index) {
        if (path.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        int at = dagOrder.indexOf(path.get(index));
        return at < 0 ? Integer.MAX_VALUE : at;
    }
}
