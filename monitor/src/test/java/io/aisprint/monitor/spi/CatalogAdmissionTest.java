package io.aisprint.monitor.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.influxql.QueryError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The batch admission path: types per shard group, checked once per (measurement, field) and shard within a batch. */
class CatalogAdmissionTest {
    private static final long T = 1_700_000_000_000_000_000L;

    private final Catalog catalog = new Catalog(c -> { });

    private static Point point(String measurement, String host, long time, Map<String, FieldValue> fields) {
        return new Point(measurement, new TreeMap<>(Map.of("host", host)), fields, time);
    }

    private static Map<String, FieldValue> f(double value) {
        return Map.of("v", new FieldValue.FloatValue(value));
    }

    private static Map<String, FieldValue> i(long value) {
        return Map.of("v", new FieldValue.IntegerValue(value));
    }

    @Test
    void refusesConflictsInsideOneBatchAndAcrossBatchesPerShardGroup() {
        catalog.createDatabase("db", null);
        List<Point> batch = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            batch.add(point("m", "h" + n % 7, T + n, f(n)));
        }
        batch.add(point("m", "h1", T + 200, i(5)));                    // same shard, integer after float
        batch.add(point("m", "h1", T + Catalog.WEEK, i(5)));           // next weekly shard: a new type is fine
        batch.add(point("m", "h2", T + Catalog.WEEK + 1, f(1)));       // ...and now float conflicts there
        batch.add(point("other", "h1", T, i(1)));                      // other measurement, own types
        Catalog.Admission admission = catalog.admit("db", null, batch);
        assertThat(admission.accepted()).hasSize(102);
        assertThat(admission.conflicts()).containsExactly(
                "field type conflict: input field \"v\" on measurement \"m\" is type integer, already exists as type float",
                "field type conflict: input field \"v\" on measurement \"m\" is type float, already exists as type integer");

        Catalog.Admission next = catalog.admit("db", null, List.of(point("m", "h9", T + 5, i(1)), point("m", "h9", T + 6, f(1)),
                point("other", "h3", T + 1, f(2))));
        assertThat(next.accepted()).extracting(Point::timeNanos).containsExactly(T + 6);
        assertThat(next.conflicts()).hasSize(2);
        assertThat(catalog.series("db", null, "m")).hasSize(8);
        assertThat(catalog.fieldTypes("db", null, "other")).containsExactly(Map.entry("v", Catalog.FieldType.INTEGER));
    }

    @Test
    void aPointWithOneConflictingFieldIsRefusedWholeAndRegistersNothing() {
        catalog.createDatabase("db", null);
        catalog.admit("db", null, List.of(point("m", "a", T, f(1))));
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        fields.put("w", new FieldValue.StringValue("x"));
        fields.put("v", new FieldValue.BooleanValue(true));
        Catalog.Admission admission = catalog.admit("db", null, List.of(point("m", "b", T + 1, fields)));
        assertThat(admission.accepted()).isEmpty();
        assertThat(catalog.series("db", null, "m")).hasSize(1);
        // "w" may have been looked at, but no type was stored for it: a later integer is accepted.
        assertThat(catalog.admit("db", null, List.of(point("m", "b", T + 2, Map.of("w", new FieldValue.IntegerValue(3)))))
                .conflicts()).isEmpty();
        assertThat(catalog.fieldTypes("db", null, "m")).containsEntry("w", Catalog.FieldType.INTEGER);
    }

    @Test
    void dropsAndUnknownNamesAreSeenByTheNextBatch() {
        catalog.createDatabase("db", null);
        catalog.admit("db", null, List.of(point("m", "a", T, f(1))));
        catalog.removeSeries(new Catalog.SeriesKey("db", "autogen", "m", new TreeMap<>(Map.of("host", "a"))));
        assertThat(catalog.series("db", null, "m")).isEmpty();
        assertThat(catalog.admit("db", null, List.of(point("m", "a", T, i(1)))).conflicts()).isEmpty();
        assertThat(catalog.series("db", null, "m")).containsOnlyKeys(new Catalog.SeriesKey("db", "autogen", "m",
                new TreeMap<>(Map.of("host", "a"))));
        assertThatThrownBy(() -> catalog.admit("nope", null, List.of(point("m", "a", T, f(1)))))
                .isInstanceOf(QueryError.class).hasMessage("database not found: nope");
        assertThatThrownBy(() -> catalog.admit("db", "rp9", List.of(point("m", "a", T, f(1)))))
                .isInstanceOf(QueryError.class).hasMessage("retention policy not found: rp9");
    }
}
