package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TagSetTest {
    @Test
    void behavesAsAnImmutableSortedMap() {
        Point point = Point.of("m", Map.of("z", "1", "a", "2"), "v", 1, 0);
        assertThat(point.tags().keySet()).containsExactly("a", "z");
        assertThat(point.tags()).isEqualTo(Map.of("a", "2", "z", "1")).hasSameHashCodeAs(new TreeMap<>(Map.of("a", "2", "z", "1")));
        assertThat(new TreeMap<>(Map.of("a", "2", "z", "1"))).isEqualTo(point.tags());
        assertThat(point.tags().toString()).isEqualTo("{a=2, z=1}");
        assertThatThrownBy(() -> point.tags().put("b", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> point.tags().entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalSetsAreEqualAndDifferentOnesAreNot() {
        Point a = Point.of("m", Map.of("host", "h1", "component", "c2"), "v", 1, 0);
        Point same = Point.of("m", new HashMap<>(Map.of("component", "c2", "host", "h1")), "v", 1, 0);
        Point other = Point.of("m", Map.of("host", "h2", "component", "c1"), "v", 1, 0);
        assertThat(a.tags()).isEqualTo(same.tags()).isNotEqualTo(other.tags());
        assertThat(TagSet.seriesHash(a.tags())).isEqualTo(TagSet.seriesHash(same.tags()))
                .isEqualTo(TagSet.seriesHash(new TreeMap<>(Map.of("host", "h1", "component", "c2"))));
        assertThat(Point.of("m", Map.of(), "v", 1, 0).tags()).isEmpty();
    }

    @Test
    void seriesHashSpreadsTagSetsThatTheMapHashLumpsTogether() {
        Set<Integer> mapHashes = new HashSet<>();
        Set<Integer> seriesHashes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Point point = Point.of("m", Map.of("component", "c" + i % 10, "host", "h" + i / 10), "v", 1, 0);
            mapHashes.add(point.tags().hashCode());
            seriesHashes.add(TagSet.seriesHash(point.tags()));
        }
        assertThat(seriesHashes).hasSize(1000);
        assertThat(mapHashes.size()).isLessThan(seriesHashes.size());
    }
}
