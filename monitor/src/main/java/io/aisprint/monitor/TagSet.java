package io.aisprint.monitor;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A point's tag set: immutable, sorted by key, with its hash computed once. The write path
 * looks every point's series up by its tags several times (catalog admission, series ids), and
 * a plain sorted map walks all its entries for each hash and each equality check.
 *
 * <p>{@link #hashCode()} must stay the {@link Map} one (a sum over entries), which collides a lot
 * for tag sets built from few keys and values; {@link #seriesHash} is an order-sensitive hash for
 * the write path's own lookup keys, and also lets {@link #equals} tell most different sets apart
 * without walking them.
 */
public final class TagSet extends AbstractMap<String, String> implements SortedMap<String, String> {
    private final SortedMap<String, String> tags;
    private final int hash;
    private final int seriesHash;

    private TagSet(TreeMap<String, String> copy) {
        this.tags = Collections.unmodifiableSortedMap(copy);
        this.hash = copy.hashCode();
        this.seriesHash = orderedHash(copy);
    }

    private static int orderedHash(SortedMap<String, String> tags) {
        int h = 1;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            h = 31 * (31 * h + tag.getKey().hashCode()) + Objects.hashCode(tag.getValue());
        }
        return h;
    }

    /**
     * A well-spread hash of a sorted tag set (keys in their natural order), cached for a
     * {@code TagSet}: equal tag sets get equal values. For hash keys on the write path.
     */
    public static int seriesHash(SortedMap<String, String> tags) {
        return tags instanceof TagSet set ? set.seriesHash : orderedHash(tags);
    }

    /** The same tag set when it already is one, else an immutable sorted copy. */
    public static SortedMap<String, String> of(Map<String, String> tags) {
        Objects.requireNonNull(tags, "tags");
        if (tags instanceof TagSet same) {
            return same;
        }
        TreeMap<String, String> copy = new TreeMap<>();
        copy.putAll(tags);
        return new TagSet(copy);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (other instanceof TagSet that) {
            if (that.seriesHash != seriesHash || that.hash != hash || that.tags.size() != tags.size()) {
                return false;
            }
            // Both are sorted by the keys' natural order, so one walk side by side decides it.
            Iterator<Map.Entry<String, String>> mine = tags.entrySet().iterator();
            Iterator<Map.Entry<String, String>> theirs = that.tags.entrySet().iterator();
            while (mine.hasNext()) {
                Map.Entry<String, String> a = mine.next();
                Map.Entry<String, String> b = theirs.next();
                if (!a.getKey().equals(b.getKey()) || !Objects.equals(a.getValue(), b.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return tags.equals(other);
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return tags.entrySet();
    }

    @Override
    public int size() {
        return tags.size();
    }

    @Override
    public String get(Object key) {
        return tags.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return tags.containsKey(key);
    }

    @Override
    public Comparator<? super String> comparator() {
        return tags.comparator();
    }

    @Override
    public SortedMap<String, String> subMap(String fromKey, String toKey) {
        return tags.subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<String, String> headMap(String toKey) {
        return tags.headMap(toKey);
    }

    @Override
    public SortedMap<String, String> tailMap(String fromKey) {
        return tags.tailMap(fromKey);
    }

    @Override
    public String firstKey() {
        return tags.firstKey();
    }

    @Override
    public String lastKey() {
        return tags.lastKey();
    }

    @Override
    public Set<String> keySet() {
        return tags.keySet();
    }

    @Override
    public Collection<String> values() {
        return tags.values();
    }

    @Override
    public String toString() {
        return tags.toString();
    }
}
