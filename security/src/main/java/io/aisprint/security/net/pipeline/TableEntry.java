package io.aisprint.security.net.pipeline;

import java.util.List;

/**
 * One entry: a match per key field (in the table's key order), a priority (only for tables with
 * ternary or range keys; higher wins, as in P4Runtime) and the action to run on a hit.
 */
public record TableEntry(List<FieldMatch> matches, int priority, Action action) {
    public TableEntry {
        matches = List.copyOf(matches);
    }

    public boolean matches(long[] key) {
        for (int i = 0; i < key.length; i++) {
            if (!matches.get(i).matches(key[i])) {
                return false;
            }
        }
        return true;
    }
}
