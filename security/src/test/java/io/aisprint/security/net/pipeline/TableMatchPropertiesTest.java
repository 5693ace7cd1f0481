package io.aisprint.security.net.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The indexed lookup of {@link Table} against a brute-force reference that checks every entry
 * bit by bit (ranges value by value) and picks the winner by the P4Runtime rules. Fields are 6
 * bits wide so random entries overlap often.
 */
class TableMatchPropertiesTest {
    private static final int BITS = 6;
    private static final long MAX = (1L << BITS) - 1;

    @Property(tries = 300)
    void longestPrefixWinsInLpmTables(@ForAll("lpmEntries") @Size(max = 40) List<long[]> specs, @ForAll("keys") @Size(min = 1, max = 20) List<long[]> probes) {
        Table table = new Table("t", List.of(new KeyField("exact", MatchKind.EXACT, 2), new KeyField("prefix", MatchKind.LPM, BITS)), Action.of("miss"));
        List<TableEntry> inserted = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            long[] s = specs.get(i);
            TableEntry entry = new TableEntry(List.of(new FieldMatch.Exact(s[0] & 3), new FieldMatch.Lpm(s[1], (int) s[2], BITS)), 0, Action.of("hit", "n", i));
            if (inserted.stream().noneMatch(e -> e.matches().equals(entry.matches()))) {
                table.insert(entry);
                inserted.add(entry);
            }
        }
        for (long[] probe : probes) {
            long[] key = {probe[0] & 3, probe[1]};
            assertThat(table.lookup(key)).isEqualTo(reference(inserted, key, false));
        }
    }

    @Property(tries = 300)
    void highestPriorityWinsWithTernaryAndRange(@ForAll("priorityEntries") @Size(max = 40) List<long[]> specs, @ForAll("keys") @Size(min = 1, max = 20) List<long[]> probes) {
        List<TableEntry> inserted = new ArrayList<>();
        Table table = priorityTable(specs, inserted);
        for (long[] probe : probes) {
            long[] key = {probe[0], probe[1], probe[2]};
            assertThat(table.lookup(key)).isEqualTo(reference(inserted, key, true));
        }
    }

    @Property(tries = 200)
    void exactTablesFindTheEqualKeyAndMissesRunTheDefault(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 15) Integer> values, @ForAll @IntRange(min = 0, max = 15) int probe) {
        Table table = new Table("t", List.of(new KeyField("k", MatchKind.EXACT, 4)), Action.of("default_drop"));
        List<TableEntry> inserted = new ArrayList<>();
        for (int value : values.stream().distinct().toList()) {
            TableEntry entry = new TableEntry(List.of(new FieldMatch.Exact(value)), 0, Action.of("hit", "n", value));
            table.insert(entry);
            inserted.add(entry);
        }
        Optional<TableEntry> expected = reference(inserted, new long[] {probe}, false);
        assertThat(table.lookup(probe)).isEqualTo(expected);
        assertThat(table.apply(1, probe)).isEqualTo(expected.map(TableEntry::action).orElse(Action.of("default_drop")));
    }

    @Property(tries = 200)
    void deletedEntriesNoLongerMatch(@ForAll("priorityEntries") @Size(min = 1, max = 20) List<long[]> specs, @ForAll("keys") @Size(min = 1, max = 10) List<long[]> probes) {
        List<TableEntry> inserted = new ArrayList<>();
        Table table = priorityTable(specs, inserted);
        TableEntry removed = inserted.remove(0);
        assertThat(table.delete(removed.matches(), removed.priority())).isTrue();
        for (long[] probe : probes) {
            long[] key = {probe[0], probe[1], probe[2]};
            Optional<TableEntry> expected = reference(inserted, key, true);
            // an entry equal in match and priority to the removed one may remain; compare by what it does
            assertThat(table.lookup(key).map(TableEntry::matches)).isEqualTo(expected.map(TableEntry::matches));
        }
    }

    private static Table priorityTable(List<long[]> specs, List<TableEntry> inserted) {
        Table table = new Table("t", List.of(new KeyField("prefix", MatchKind.LPM, BITS), new KeyField("port", MatchKind.RANGE, BITS),
            new KeyField("proto", MatchKind.TERNARY, BITS)), Action.of("miss"));
        for (int i = 0; i < specs.size(); i++) {
            long[] s = specs.get(i);
            TableEntry entry = new TableEntry(List.of(new FieldMatch.Lpm(s[0], (int) s[1], BITS), new FieldMatch.Range(Math.min(s[2], s[3]), Math.max(s[2], s[3])),
                new FieldMatch.Ternary(s[4], s[5])), (int) s[6], Action.of("hit", "n", i));
            table.insert(entry);
            inserted.add(entry);
        }
        return table;
    }

    /** Brute force: every entry, every bit; the winner by priority (earliest on a tie) or by prefix length. */
    private static Optional<TableEntry> reference(List<TableEntry> entries, long[] key, boolean byPriority) {
        TableEntry best = null;
        int bestScore = -1;
        for (TableEntry entry : entries) {
            if (!bruteMatches(entry, key)) {
                continue;
            }
            int score = byPriority ? entry.priority() : prefixLength(entry);
            if (score > bestScore) {
                best = entry;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int prefixLength(TableEntry entry) {
        return entry.matches().stream().filter(m -> m instanceof FieldMatch.Lpm).mapToInt(m -> ((FieldMatch.Lpm) m).prefixLength()).sum();
    }

    private static boolean bruteMatches(TableEntry entry, long[] key) {
        for (int f = 0; f < key.length; f++) {
            FieldMatch m = entry.matches().get(f);
            boolean ok;
            if (m instanceof FieldMatch.Exact e) {
                ok = e.value() == key[f];
            } else if (m instanceof FieldMatch.Lpm l) {
                ok = true;
                for (int i = 0; i < l.prefixLength(); i++) {
                    int bit = l.bits() - 1 - i;
                    ok &= ((l.value() >>> bit) & 1) == ((key[f] >>> bit) & 1);
                }
            } else if (m instanceof FieldMatch.Range r) {
                ok = false;
                for (long v = r.low(); v <= r.high(); v++) {
                    ok |= v == key[f];
                }
            } else {
                FieldMatch.Ternary t = (FieldMatch.Ternary) m;
                ok = true;
                for (int bit = 0; bit < BITS; bit++) {
                    if (((t.mask() >>> bit) & 1) == 1) {
                        ok &= ((t.value() >>> bit) & 1) == ((key[f] >>> bit) & 1);
                    }
                }
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<List<long[]>> lpmEntries() {
        Arbitrary<Long> value = Arbitraries.longs().between(0, MAX);
        Arbitrary<Long> length = Arbitraries.longs().between(0, BITS);
        return Combinators.combine(value, value, length).as((a, b, c) -> new long[] {a, b, c}).list();
    }

    @Provide
    Arbitrary<List<long[]>> priorityEntries() {
        Arbitrary<Long> value = Arbitraries.longs().between(0, MAX);
        Arbitrary<Long> length = Arbitraries.longs().between(0, BITS);
        Arbitrary<Long> priority = Arbitraries.longs().between(1, 5);
        return Combinators.combine(value, length, value, value, value, value, priority)
            .as((a, b, c, d, e, f, g) -> new long[] {a, b, c, d, e, f, g}).list();
    }

    @Provide
    Arbitrary<List<long[]>> keys() {
        Arbitrary<Long> value = Arbitraries.longs().between(0, MAX);
        return Combinators.combine(value, value, value).as((a, b, c) -> new long[] {a, b, c}).list();
    }
}
