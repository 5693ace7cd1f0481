package io.aisprint.monitor.influxql;

import io.aisprint.monitor.influxql.Statement.RetentionSpec;
import io.aisprint.monitor.spi.Catalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** SHOW, CREATE, DROP and DELETE statements, answered in influxd's shapes. */
final class MetaExecutor {
    private final QueryContext context;
    private final Catalog catalog;

    MetaExecutor(QueryContext context) {
        this.context = context;
        this.catalog = context.store().catalog();
    }

    List<ResultSeries> execute(Statement statement) {
        if (statement instanceof Statement.ShowDatabases) {
            return List.of(single("databases", List.of("name"), rows(catalog.databases())));
        }
        if (statement instanceof Statement.ShowUsers) {
            return List.of(new ResultSeries(null, null, List.of("user", "admin"), List.of()));
        }
        if (statement instanceof Statement.ShowRetentionPolicies s) {
            return retentionPolicies(s);
        }
        if (statement instanceof Statement.ShowMeasurements s) {
            return measurements(s);
        }
        if (statement instanceof Statement.ShowTagKeys s) {
            return tagKeys(s);
        }
        if (statement instanceof Statement.ShowTagValues s) {
            return tagValues(s);
        }
        if (statement instanceof Statement.ShowFieldKeys s) {
            return fieldKeys(s);
        }
        if (statement instanceof Statement.ShowSeries s) {
            return series(s);
        }
        if (statement instanceof Statement.CreateDatabase s) {
            return createDatabase(s);
        }
        if (statement instanceof Statement.DropDatabase s) {
            catalog.dropDatabase(s.name());
            return List.of();
        }
        if (statement instanceof Statement.CreateRetentionPolicy s) {
            return putPolicy(s.database(), s.spec(), true);
        }
        if (statement instanceof Statement.AlterRetentionPolicy s) {
            return putPolicy(s.database(), s.spec(), false);
        }
        if (statement instanceof Statement.DropRetentionPolicy s) {
            return dropPolicy(s);
        }
        if (statement instanceof Statement.DropMeasurement s) {
            return deleteData(List.of(new Statement.Measurement(null, null, s.name(), null)), null, true);
        }
        if (statement instanceof Statement.DropSeries s) {
            return deleteData(s.sources(), s.condition(), true);
        }
        if (statement instanceof Statement.Delete s) {
            return deleteData(s.sources(), s.condition(), false);
        }
        throw new QueryError("unsupported statement");
    }

    private List<ResultSeries> dropPolicy(Statement.DropRetentionPolicy s) {
        database(s.database());
        List<Catalog.FieldRef> refs = new ArrayList<>();
        for (String m : catalog.measurements(s.database())) {
            catalog.series(s.database(), s.name(), m).forEach((key, fields) -> fields.keySet()
                    .forEach(f -> refs.add(new Catalog.FieldRef(key, f))));
        }
        context.store().delete(refs, TimeRange.MIN_TIME, TimeRange.MAX_TIME);
        catalog.dropPolicy(s.database(), s.name());
        return List.of();
    }

    private static ResultSeries single(String name, List<String> columns, List<List<Object>> rows) {
        return new ResultSeries(name, null, columns, rows);
    }

    private static List<List<Object>> rows(List<String> values) {
        List<List<Object>> rows = new ArrayList<>();
        values.forEach(v -> rows.add(List.of(v)));
        return rows;
    }

    private String database(String explicit) {
        if (explicit != null) {
            if (!catalog.hasDatabase(explicit)) {
                throw new QueryError("database not found: " + explicit);
            }
            return explicit;
        }
        return context.requireDatabase();
    }

    private List<ResultSeries> retentionPolicies(Statement.ShowRetentionPolicies s) {
        String db = database(s.database());
        String defaultPolicy = catalog.defaultPolicy(db);
        List<List<Object>> rows = new ArrayList<>();
        for (Catalog.RetentionPolicy p : catalog.policies(db)) {
            rows.add(List.of(p.name(), Durations.goString(p.durationNanos()), Durations.goString(p.shardGroupNanos()), (long) p.replicaN(),
                    p.name().equals(defaultPolicy)));
        }
        return List.of(new ResultSeries(null, null, List.of("name", "duration", "shardGroupDuration", "replicaN", "default"), rows));
    }

    private List<String> measurementNames(String db, List<Statement.Source> sources) {
        List<String> all = catalog.measurements(db);
        if (sources.isEmpty()) {
            return all;
        }
        Set<String> names = new TreeSet<>();
        for (Statement.Source source : sources) {
            Statement.Measurement m = (Statement.Measurement) source;
            if (m.regex() != null) {
                all.stream().filter(n -> m.regex().pattern().matcher(n).find()).forEach(names::add);
            } else if (all.contains(m.name())) {
                names.add(m.name());
            }
        }
        return List.copyOf(names);
    }

    /** The series of a measurement whose tags satisfy a tag-only condition (null: all). */
    private Map<Catalog.SeriesKey, Map<String, Catalog.FieldType>> matching(String db, String measurement, Expr condition) {
        Map<Catalog.SeriesKey, Map<String, Catalog.FieldType>> series = catalog.series(db, null, measurement);
        if (condition == null) {
            return series;
        }
        TimeRange range = TimeRange.extract(condition, context.now(), null);
        if (range.remaining() == null) {
            return series;
        }
        series.keySet().removeIf(key -> !Boolean.TRUE.equals(SelectExecutor.evalRow(range.remaining(), Map.of(),
                new SeriesRows(measurement, key.tags(), Set.of(), new TreeMap<>()))));
        return series;
    }

    private List<ResultSeries> measurements(Statement.ShowMeasurements s) {
        if (s.database() != null && !catalog.hasDatabase(s.database())) {
            return List.of(); // influxd answers an empty result here, not an error
        }
        String db = database(s.database());
        List<List<Object>> rows = new ArrayList<>();
        for (String name : catalog.measurements(db)) {
            if (s.regex() != null && !s.regex().pattern().matcher(name).find()) {
                continue;
            }
            if (s.name() != null && !s.name().equals(name)) {
                continue;
            }
            if (s.condition() != null && matching(db, name, s.condition()).isEmpty()) {
                continue;
            }
            rows.add(List.of(name));
        }
        rows = SelectLimits.apply(rows, s.limit(), s.offset());
        return rows.isEmpty() ? List.of() : List.of(single("measurements", List.of("name"), rows));
    }

    private List<ResultSeries> tagKeys(Statement.ShowTagKeys s) {
        String db = database(s.database());
        List<ResultSeries> out = new ArrayList<>();
        for (String name : measurementNames(db, s.sources())) {
            Set<String> keys = new TreeSet<>();
            matching(db, name, s.condition()).keySet().forEach(k -> keys.addAll(k.tags().keySet()));
            List<List<Object>> rows = SelectLimits.apply(rows(List.copyOf(keys)), s.limit(), s.offset());
            if (!rows.isEmpty()) {
                out.add(single(name, List.of("tagKey"), rows));
            }
        }
        return out;
    }

    private List<ResultSeries> tagValues(Statement.ShowTagValues s) {
        String db = database(s.database());
        List<ResultSeries> out = new ArrayList<>();
        for (String name : measurementNames(db, s.sources())) {
            TreeMap<String, TreeSet<String>> values = new TreeMap<>();
            for (Catalog.SeriesKey key : matching(db, name, s.condition()).keySet()) {
                key.tags().forEach((k, v) -> {
                    if (keyMatches(s, k)) {
                        values.computeIfAbsent(k, x -> new TreeSet<>()).add(v);
                    }
                });
            }
            List<List<Object>> rows = new ArrayList<>();
            values.forEach((k, vs) -> vs.forEach(v -> rows.add(List.of(k, v))));
            List<List<Object>> limited = SelectLimits.apply(rows, s.limit(), s.offset());
            if (!limited.isEmpty()) {
                out.add(single(name, List.of("key", "value"), limited));
            }
        }
        return out;
    }

    private static boolean keyMatches(Statement.ShowTagValues s, String key) {
        return switch (s.keyOp()) {
            case "=", "IN" -> s.keys().contains(key);
            case "!=" -> !s.keys().contains(key);
            case "=~" -> s.keyRegex().pattern().matcher(key).find();
            default -> !s.keyRegex().pattern().matcher(key).find();
        };
    }

    private List<ResultSeries> fieldKeys(Statement.ShowFieldKeys s) {
        String db = database(s.database());
        List<ResultSeries> out = new ArrayList<>();
        for (String name : measurementNames(db, s.sources())) {
            List<List<Object>> rows = new ArrayList<>();
            catalog.fieldTypes(db, null, name).forEach((field, type) -> rows.add(List.of(field, type.influxName())));
            List<List<Object>> limited = SelectLimits.apply(rows, s.limit(), s.offset());
            if (!limited.isEmpty()) {
                out.add(single(name, List.of("fieldKey", "fieldType"), limited));
            }
        }
        return out;
    }

    private List<ResultSeries> series(Statement.ShowSeries s) {
        String db = database(s.database());
        String defaultPolicy = catalog.defaultPolicy(db);
        if (defaultPolicy != null && catalog.policy(db, defaultPolicy) == null) {
            throw new QueryError("retention policy not found: " + defaultPolicy);
        }
        Set<String> keys = new TreeSet<>();
        for (String name : measurementNames(db, s.sources())) {
            for (Catalog.SeriesKey key : matching(db, name, s.condition()).keySet()) {
                keys.add(io.aisprint.monitor.LineProtocol.seriesKey(name, key.tags()));
            }
        }
        List<List<Object>> rows = SelectLimits.apply(rows(List.copyOf(keys)), s.limit(), s.offset());
        return rows.isEmpty() ? List.of() : List.of(new ResultSeries(null, null, List.of("key"), rows));
    }

    private List<ResultSeries> createDatabase(Statement.CreateDatabase s) {
        Catalog.RetentionPolicy policy = null;
        if (s.retention() != null) {
            RetentionSpec spec = s.retention();
            long duration = spec.durationNanos() == null ? 0 : spec.durationNanos();
            policy = new Catalog.RetentionPolicy(spec.name() == null ? "autogen" : spec.name(), duration,
                    spec.shardNanos() == null || spec.shardNanos() == 0 ? Catalog.defaultShardDuration(duration)
                            : Math.max(spec.shardNanos(), 3_600_000_000_000L), // influxd's smallest shard group: 1h
                    spec.replication() == null ? 1 : spec.replication());
        }
        catalog.createDatabase(s.name(), policy);
        return List.of();
    }

    private List<ResultSeries> putPolicy(String db, RetentionSpec spec, boolean create) {
        database(db);
        Catalog.RetentionPolicy existing = catalog.policy(db, spec.name());
        if (!create && existing == null) {
            throw new QueryError("retention policy not found: " + spec.name());
        }
        long duration = spec.durationNanos() != null ? spec.durationNanos() : existing.durationNanos();
        if (duration != 0 && duration < 3_600_000_000_000L) {
            throw new QueryError("retention policy duration must be at least 1h0m0s");
        }
        long shard = spec.shardNanos() != null && spec.shardNanos() != 0 ? Math.max(spec.shardNanos(), 3_600_000_000_000L)
                : existing != null && spec.durationNanos() == null ? existing.shardGroupNanos() : Catalog.defaultShardDuration(duration);
        int replication = spec.replication() != null ? spec.replication() : existing.replicaN();
        catalog.putPolicy(db, new Catalog.RetentionPolicy(spec.name(), duration, shard, replication), spec.makeDefault(), create);
        return List.of();
    }

    /** DELETE (values in a time range, series kept in the index) and DROP SERIES / MEASUREMENT (all time, index too). */
    private List<ResultSeries> deleteData(List<Statement.Source> sources, Expr condition, boolean dropSeries) {
        String db = context.requireDatabase();
        TimeRange range = TimeRange.extract(condition, context.now(), null);
        if (dropSeries && (range.hasMin() || range.hasMax())) {
            throw new QueryError("DROP SERIES doesn't support time in WHERE clause");
        }
        if (range.remaining() != null && referencesField(db, range.remaining())) {
            throw new QueryError("fields not supported in WHERE clause during deletion");
        }
        List<Catalog.FieldRef> refs = new ArrayList<>();
        Set<Catalog.SeriesKey> keys = new HashSet<>();
        List<String> names = sources.isEmpty() ? catalog.measurements(db) : measurementNames(db, sources);
        for (String name : names) {
            matching(db, name, range.remaining()).forEach((key, fields) -> {
                keys.add(key);
                fields.keySet().forEach(f -> refs.add(new Catalog.FieldRef(key, f)));
            });
        }
        context.store().delete(refs, range.min(), range.max());
        if (dropSeries || (!range.hasMin() && !range.hasMax())) {
            keys.forEach(catalog::removeSeries);
        }
        return List.of();
    }

    private boolean referencesField(String db, Expr condition) {
        Set<String> names = new HashSet<>();
        collect(condition, names);
        for (String m : catalog.measurements(db)) {
            for (String field : catalog.fieldTypes(db, null, m).keySet()) {
                if (names.contains(field)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collect(Expr expr, Set<String> names) {
        if (expr instanceof Expr.VarRef ref) {
            names.add(ref.name());
        } else if (expr instanceof Expr.Binary binary) {
            collect(binary.lhs(), names);
            collect(binary.rhs(), names);
        } else if (expr instanceof Expr.Paren paren) {
            collect(paren.expr(), names);
        }
    }
}
