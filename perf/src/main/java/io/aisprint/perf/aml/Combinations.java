package io.aisprint.perf.aml;

import java.util.ArrayList;
import java.util.List;

/** Python's itertools.combinations / combinations_with_replacement, in the same order. */
final class Combinations {
    private Combinations() {
    }

    static List<List<String>> of(List<String> items, int k, boolean withReplacement) {
        List<List<String>> out = new ArrayList<>();
        collect(items, k, withReplacement, 0, new ArrayList<>(), out);
        return out;
    }

    private static void collect(List<String> items, int k, boolean rep, int start, List<String> cur,
            List<List<String>> out) {
        if (cur.size() == k) {
            out.add(List.copyOf(cur));
            return;
        }
        for (int i = start; i < items.size(); i++) {
            cur.add(items.get(i));
            collect(items, k, rep, rep ? i : i + 1, cur, out);
            cur.remove(cur.size() - 1);
        }
    }
}
