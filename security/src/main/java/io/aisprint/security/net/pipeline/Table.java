package io.aisprint.security.net.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A match-action table with P4Runtime semantics: an exact-only table finds the one equal key; a
 * table with one LPM key (others exact) picks the longest matching prefix; a table with a range or
 * ternary key picks the highest priority among matching entries (the earlier entry on a tie).
 * A miss runs the default action.
 *
 * <p>Lookups use an index (hash per prefix length, or entries sorted by priority) rather than a
 * scan over all entries, because the controller classifies every punted packet and a UPF holds an
 * entry per UE; the tests check the index against a brute-force scan.
 */
public final class Table {
    private final String name;
    private final List<KeyField> keys;
    private final Action defaultAction;
    private final List<TableEntry> entries = new ArrayList<>();
    private final boolean needsPriority;
    private final int lpmIndex;
    private final Map<List<Long>, TableEntry> exactIndex = new HashMap<>();
    private final Map<Integer, Map<List<Long>, TableEntry>> lpmIndexByLength = new HashMap<>();
    private List<TableEntry> byPriority = List.of();
    private final Map<TableEntry, long[]> directCounters = new HashMap<>();

    public Table(String name, List<KeyField> keys, Action defaultAction) {
        this.name = name;
        this.keys = List.copyOf(keys);
        this.defaultAction = defaultAction;
        this.needsPriority = keys.stream().anyMatch(k -> k.kind() == MatchKind.RANGE || k.kind() == MatchKind.TERNARY);
        int lpm = -1;
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).kind() == MatchKind.LPM) {
                if (lpm >= 0 && !needsPriority) {
                    throw new IllegalArgumentException("table " + name + " has two LPM keys; P4Runtime allows one unless it has priorities");
                }
                lpm = i;
            }
        }
        this.lpmIndex = needsPriority ? -1 : lpm;
    }

    public String name() {
        return name;
    }

    public List<KeyField> keys() {
        return keys;
    }

    public Action defaultAction() {
        return defaultAction;
    }

    public List<TableEntry> entries() {
        return List.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }

    /** Adds an entry; rejects a wrong shape, a priority where none is allowed (or a missing one) and a duplicate key. */
    public synchronized void insert(TableEntry entry) {
        if (entry.matches().size() != keys.size()) {
            throw new IllegalArgumentException("table " + name + " expects " + keys.size() + " matches, entry has " + entry.matches().size());
        }
        for (int i = 0; i < keys.size(); i++) {
            if (entry.matches().get(i).kind() != keys.get(i).kind()) {
                throw new IllegalArgumentException("table " + name + " key " + keys.get(i).name() + " is " + keys.get(i).kind() + ", entry gives " + entry.matches().get(i).kind());
            }
        }
        if (needsPriority != (entry.priority() > 0)) {
            throw new IllegalArgumentException("table " + name + (needsPriority ? " needs a priority > 0 (it has range/ternary keys)" : " takes no priority (exact/LPM keys only)"));
        }
        if (!needsPriority) {
            List<Long> indexKey = indexKey(entry);
            Map<List<Long>, TableEntry> index = lpmIndex < 0 ? exactIndex : lpmIndexByLength.computeIfAbsent(prefixLength(entry), n -> new HashMap<>());
            if (index.putIfAbsent(indexKey, entry) != null) {
                throw new IllegalArgumentException("table " + name + " already has an entry with key " + entry.matches());
            }
        }
        entries.add(entry);
        directCounters.put(entry, new long[2]);
        if (needsPriority) {
            List<TableEntry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparingInt(TableEntry::priority).reversed()); // stable: earlier entry first on a tie
            byPriority = sorted;
        }
    }

    /** Removes the entry with exactly these matches and priority; true if there was one. */
    public synchronized boolean delete(List<FieldMatch> matches, int priority) {
        for (TableEntry entry : entries) {
            if (entry.matches().equals(matches) && entry.priority() == priority) {
                entries.remove(entry);
                directCounters.remove(entry);
                if (needsPriority) {
                    byPriority = byPriority.stream().filter(e -> e != entry).toList();
                } else if (lpmIndex < 0) {
                    exactIndex.remove(indexKey(entry));
                } else {
                    lpmIndexByLength.get(prefixLength(entry)).remove(indexKey(entry));
                }
                return true;
            }
        }
        return false;
    }

    /** The entry that wins for this key, if any (a miss means the default action). */
    public synchronized Optional<TableEntry> lookup(long... key) {
        if (key.length != keys.size()) {
            throw new IllegalArgumentException("table " + name + " has " + keys.size() + " key fields, lookup gave " + key.length);
        }
        if (needsPriority) {
            for (TableEntry entry : byPriority) {
                if (entry.matches(key)) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        }
        if (lpmIndex < 0) {
            return Optional.ofNullable(exactIndex.get(boxed(key)));
        }
        int bits = keys.get(lpmIndex).bits();
        for (int length = bits; length >= 0; length--) {
            Map<List<Long>, TableEntry> index = lpmIndexByLength.get(length);
            if (index != null) {
                long[] masked = key.clone();
                masked[lpmIndex] = key[lpmIndex] & FieldMatch.Lpm.mask(length, bits);
                TableEntry entry = index.get(boxed(masked));
                if (entry != null) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.empty();
    }

    /** The action a packet with this key gets, counting the hit on the entry's direct counter. */
    public synchronized Action apply(long bytes, long... key) {
        Optional<TableEntry> hit = lookup(key);
        hit.ifPresent(entry -> {
            long[] counter = directCounters.get(entry);
            counter[0]++;
            counter[1] += bytes;
        });
        return hit.map(TableEntry::action).orElse(defaultAction);
    }

    /** Packets and bytes counted on this entry. */
    public synchronized long[] counter(TableEntry entry) {
        long[] counter = directCounters.get(entry);
        return counter == null ? new long[2] : counter.clone();
    }

    private int prefixLength(TableEntry entry) {
        return ((FieldMatch.Lpm) entry.matches().get(lpmIndex)).prefixLength();
    }

    private static List<Long> indexKey(TableEntry entry) {
        List<Long> values = new ArrayList<>();
        for (FieldMatch match : entry.matches()) {
            values.add(match instanceof FieldMatch.Exact e ? e.value() : ((FieldMatch.Lpm) match).value());
        }
        return values;
    }

    private static List<Long> boxed(long[] key) {
        return Arrays.stream(key).boxed().toList();
    }
}
