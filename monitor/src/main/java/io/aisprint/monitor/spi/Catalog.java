package io.aisprint.monitor.spi;

import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.TagSet;
import io.aisprint.monitor.influxql.QueryError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The index every InfluxQL store keeps in memory, as InfluxDB 1.x organises data: databases,
 * each with retention policies (one the default); per policy, measurements with their series
 * (tag sets) and field keys; and each field's type per shard group. A point whose field
 * contradicts the type already stored in its shard group is refused, as influxd does.
 */
public final class Catalog {
    public static final long WEEK = 7L * 86_400_000_000_000L;
    private static final long DAY = 86_400_000_000_000L;
    private static final long HOUR = 3_600_000_000_000L;
    /**
     * influxd truncates shard-group starts with Go's Time.Truncate, which counts from year 1 (a
     * Monday), so weekly groups start on Mondays: 3 days before the Unix epoch (a Thursday).
     */
    private static final long SHARD_ORIGIN = 3L * DAY;

    public enum FieldType {
        FLOAT("float"), INTEGER("integer"), UNSIGNED("unsigned"), STRING("string"), BOOLEAN("boolean");

        private final String influxName;

        FieldType(String influxName) {
            this.influxName = influxName;
        }

        public String influxName() {
            return influxName;
        }

        public static FieldType of(FieldValue value) {
            if (value instanceof FieldValue.FloatValue) {
                return FLOAT;
            }
            if (value instanceof FieldValue.IntegerValue) {
                return INTEGER;
            }
            if (value instanceof FieldValue.UnsignedValue) {
                return UNSIGNED;
            }
            return value instanceof FieldValue.StringValue ? STRING : BOOLEAN;
        }
    }

    public record RetentionPolicy(String name, long durationNanos, long shardGroupNanos, int replicaN) {
    }

    /** A series: database, retention policy, measurement and tag set. */
    public record SeriesKey(String database, String retentionPolicy, String measurement, SortedMap<String, String> tags) {
    }

    /** One field of one series: what a store reads and deletes. */
    public record FieldRef(SeriesKey series, String field) {
    }

    /** The points a write may store, and the reason each refused one was dropped. */
    public record Admission(List<Point> accepted, List<String> conflicts) {
    }

    private static final class Database {
        final LinkedHashMap<String, RetentionPolicy> policies = new LinkedHashMap<>();
        String defaultPolicy;
        /** rp -> measurement -> tag set -> field -> type of the newest write. */
        final Map<String, TreeMap<String, Map<Tags, TreeMap<String, FieldType>>>> series = new LinkedHashMap<>();
        /** (rp, measurement, field) -> shard start -> type. */
        final Map<TypeKey, TreeMap<Long, FieldType>> types = new java.util.HashMap<>();
    }

    private final LinkedHashMap<String, Database> databases = new LinkedHashMap<>();
    private final Consumer<Catalog> metaChanged;

    /** {@code metaChanged} runs (under the catalog lock) after databases or policies change, so a store can persist them. */
    public Catalog(Consumer<Catalog> metaChanged) {
        this.metaChanged = metaChanged;
    }

    public static long defaultShardDuration(long durationNanos) {
        if (durationNanos == 0 || durationNanos > 180 * DAY) {
            return WEEK;
        }
        return durationNanos < 2 * DAY ? HOUR : DAY;
    }

    /** The start of the shard group holding {@code time}. */
    public static long shardStart(long time, long shardNanos) {
        return Math.floorDiv(time + SHARD_ORIGIN, shardNanos) * shardNanos - SHARD_ORIGIN;
    }

    // ---- databases and retention policies -------------------------------------------------------

    public synchronized List<String> databases() {
        return List.copyOf(databases.keySet());
    }

    public synchronized boolean hasDatabase(String name) {
        return databases.containsKey(name);
    }

    /** CREATE DATABASE: idempotent when the policy matches, influxd's conflict error otherwise. */
    public synchronized void createDatabase(String name, RetentionPolicy policy) {
        Database existing = databases.get(name);
        if (existing != null) {
            if (policy != null && !policy.equals(existing.policies.get(policy.name()))) {
                throw new QueryError("retention policy conflicts with an existing policy");
            }
            return;
        }
        Database db = new Database();
        RetentionPolicy rp = policy == null ? new RetentionPolicy("autogen", 0, WEEK, 1) : policy;
        db.policies.put(rp.name(), rp);
        db.defaultPolicy = rp.name();
        databases.put(name, db);
        metaChanged.accept(this);
    }

    public synchronized void dropDatabase(String name) {
        if (databases.remove(name) != null) {
            metaChanged.accept(this);
        }
    }

    public synchronized List<RetentionPolicy> policies(String database) {
        return List.copyOf(database(database).policies.values());
    }

    public synchronized String defaultPolicy(String database) {
        return database(database).defaultPolicy;
    }

    public synchronized void putPolicy(String database, RetentionPolicy policy, boolean makeDefault, boolean create) {
        Database db = database(database);
        RetentionPolicy existing = db.policies.get(policy.name());
        if (create && existing != null && !existing.equals(policy)) {
            throw new QueryError("retention policy already exists");
        }
        if (!create && existing == null) {
            throw new QueryError("retention policy not found: " + policy.name());
        }
        db.policies.put(policy.name(), policy);
        if (makeDefault || db.defaultPolicy == null || !db.policies.containsKey(db.defaultPolicy)) {
            db.defaultPolicy = policy.name();
        }
        metaChanged.accept(this);
    }

    public synchronized RetentionPolicy policy(String database, String name) {
        return database(database).policies.get(name);
    }

    public synchronized void dropPolicy(String database, String name) {
        Database db = database(database);
        if (db.policies.remove(name) != null) {
            db.series.remove(name);
            db.types.keySet().removeIf(key -> key.rp().equals(name));
            // Like influxd, the database keeps naming a dropped default policy: writes and queries
            // without rp= then fail with "retention policy not found" until another is made default.
            metaChanged.accept(this);
        }
    }

    private Database database(String name) {
        Database db = databases.get(name);
        if (db == null) {
            throw new QueryError("database not found: " + name);
        }
        return db;
    }

    // ---- series and field types --------------------------------------------------------------

    /**
     * Checks each point's field types against its shard group's and registers the new series and
     * types; a point with a conflicting field is refused whole. {@code rp} null means the default.
     * The lock is taken once per batch; within it each (measurement, field) is looked up once and
     * remembers the shard group it last checked, so a point costs a shard comparison per field
     * plus one series lookup (tag sets hash once, see {@code Point}), not a walk of the index.
     */
    public synchronized Admission admit(String database, String rp, List<Point> points) {
        Database db = database(database);
        String policyName = rp == null || rp.isEmpty() ? db.defaultPolicy : rp;
        RetentionPolicy policy = policyName == null ? null : db.policies.get(policyName);
        if (policy == null) {
            throw new QueryError("retention policy not found: " + (policyName == null ? "" : policyName));
        }
        List<Point> accepted = new ArrayList<>(points.size());
        List<String> conflicts = new ArrayList<>();
        BatchIndex index = new BatchIndex(db, policy);
        for (Point point : points) {
            long shard = shardStart(point.timeNanos(), policy.shardGroupNanos());
            String conflict = null;
            for (Map.Entry<String, FieldValue> field : point.fields().entrySet()) {
                FieldType incoming = FieldType.of(field.getValue());
                FieldType existing = index.field(point.measurement(), field.getKey()).typeAt(shard);
                if (existing != null && existing != incoming) {
                    conflict = "field type conflict: input field \"" + field.getKey() + "\" on measurement \"" + point.measurement()
                            + "\" is type " + incoming.influxName() + ", already exists as type " + existing.influxName();
                    break;
                }
            }
            if (conflict != null) {
                conflicts.add(conflict);
                continue;
            }
            Map<String, FieldType> seriesFields = index.series(point.measurement(), point.tags());
            for (Map.Entry<String, FieldValue> field : point.fields().entrySet()) {
                FieldType type = FieldType.of(field.getValue());
                if (seriesFields.get(field.getKey()) != type) {
                    seriesFields.put(field.getKey(), type);
                }
                index.field(point.measurement(), field.getKey()).register(shard, type);
            }
            accepted.add(point);
        }
        return new Admission(accepted, conflicts);
    }

    /** A tag set as an index key: a well-spread hash (a tag map's own hash collides often). */
    private record Tags(SortedMap<String, String> tags) {
        @Override
        public int hashCode() {
            return TagSet.seriesHash(tags);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tags that && tags.equals(that.tags);
        }
    }

    /** A record, not a joined string: its hash reuses the strings' cached hashes (this runs per field written). */
    private record TypeKey(String rp, String measurement, String field) {
    }

    private static TypeKey typeKey(String rp, String measurement, String field) {
        return new TypeKey(rp, measurement, field);
    }

    /** One field's types by shard group, and the last shard group a batch asked about. */
    private static final class FieldCursor {
        final TreeMap<Long, FieldType> byShard;
        long shard;
        FieldType type;
        boolean known;

        FieldCursor(TreeMap<Long, FieldType> byShard) {
            this.byShard = byShard;
        }

        FieldType typeAt(long at) {
            if (!known || shard != at) {
                shard = at;
                type = byShard.get(at);
                known = true;
            }
            return type;
        }

        void register(long at, FieldType incoming) {
            if (typeAt(at) == null) {
                byShard.put(at, incoming);
                type = incoming;
            }
        }
    }

    /** What one batch touches of a policy's index, looked up once per batch (under the catalog lock). */
    private static final class BatchIndex {
        private final Database db;
        private final RetentionPolicy policy;
        private final Map<TypeKey, FieldCursor> fields = new java.util.HashMap<>();
        private TreeMap<String, Map<Tags, TreeMap<String, FieldType>>> measurements;
        private String lastMeasurement;
        private Map<Tags, TreeMap<String, FieldType>> lastSets;
        private String lastFieldMeasurement;
        private String lastField;
        private FieldCursor lastCursor;

        BatchIndex(Database db, RetentionPolicy policy) {
            this.db = db;
            this.policy = policy;
        }

        FieldCursor field(String measurement, String field) {
            if (lastCursor != null && field.equals(lastField) && measurement.equals(lastFieldMeasurement)) {
                return lastCursor;
            }
            FieldCursor cursor = fields.computeIfAbsent(typeKey(policy.name(), measurement, field),
                    key -> new FieldCursor(db.types.computeIfAbsent(key, k -> new TreeMap<>())));
            lastFieldMeasurement = measurement;
            lastField = field;
            lastCursor = cursor;
            return cursor;
        }

        Map<String, FieldType> series(String measurement, SortedMap<String, String> tags) {
            if (lastSets == null || !measurement.equals(lastMeasurement)) {
                if (measurements == null) {
                    measurements = db.series.computeIfAbsent(policy.name(), k -> new TreeMap<>());
                }
                lastSets = measurements.computeIfAbsent(measurement, k -> new LinkedHashMap<>());
                lastMeasurement = measurement;
            }
            Tags key = new Tags(tags);
            TreeMap<String, FieldType> fieldsOfSeries = lastSets.get(key);
            if (fieldsOfSeries == null) {
                fieldsOfSeries = new TreeMap<>();
                lastSets.put(key, fieldsOfSeries);
            }
            return fieldsOfSeries;
        }
    }

    /** Registers a stored series field on reload (types only at the given times' shards). */
    public synchronized void restore(FieldRef ref, FieldType type, long... times) {
        Database db = databases.get(ref.series().database());
        RetentionPolicy policy = db == null ? null : db.policies.get(ref.series().retentionPolicy());
        if (policy == null) {
            return;
        }
        db.series.computeIfAbsent(policy.name(), k -> new TreeMap<>())
                .computeIfAbsent(ref.series().measurement(), k -> new LinkedHashMap<>())
                .computeIfAbsent(new Tags(ref.series().tags()), k -> new TreeMap<>()).put(ref.field(), type);
        for (long time : times) {
            db.types.computeIfAbsent(typeKey(policy.name(), ref.series().measurement(), ref.field()), k -> new TreeMap<>())
                    .putIfAbsent(shardStart(time, policy.shardGroupNanos()), type);
        }
    }

    /** Measurement names of a database (all policies), sorted. */
    public synchronized List<String> measurements(String database) {
        TreeMap<String, Boolean> names = new TreeMap<>();
        database(database).series.values().forEach(m -> m.keySet().forEach(name -> names.put(name, true)));
        return List.copyOf(names.keySet());
    }

    /** Series of a measurement in one policy (null: all), each with its field keys and types. */
    public synchronized Map<SeriesKey, Map<String, FieldType>> series(String database, String rp, String measurement) {
        Database db = database(database);
        Map<SeriesKey, Map<String, FieldType>> out = new LinkedHashMap<>();
        db.series.forEach((policy, measurements) -> {
            if (rp != null && !rp.equals(policy)) {
                return;
            }
            Map<Tags, TreeMap<String, FieldType>> sets = measurements.get(measurement);
            if (sets != null) {
                sets.forEach((tags, fields) -> out.put(new SeriesKey(database, policy, measurement, tags.tags()), new TreeMap<>(fields)));
            }
        });
        return out;
    }

    /** Field keys of a measurement with the type of the earliest shard that has them. */
    public synchronized Map<String, FieldType> fieldTypes(String database, String rp, String measurement) {
        Database db = database(database);
        TreeMap<String, FieldType> out = new TreeMap<>();
        db.types.forEach((key, byShard) -> {
            if ((rp == null || rp.equals(key.rp())) && key.measurement().equals(measurement) && !byShard.isEmpty()) {
                out.putIfAbsent(key.field(), byShard.firstEntry().getValue());
            }
        });
        return out;
    }

    public synchronized void removeSeries(SeriesKey key) {
        Database db = databases.get(key.database());
        if (db == null) {
            return;
        }
        TreeMap<String, Map<Tags, TreeMap<String, FieldType>>> measurements = db.series.get(key.retentionPolicy());
        if (measurements == null) {
            return;
        }
        Map<Tags, TreeMap<String, FieldType>> sets = measurements.get(key.measurement());
        if (sets != null) {
            sets.remove(new Tags(key.tags()));
            if (sets.isEmpty()) {
                measurements.remove(key.measurement());
                db.types.keySet().removeIf(k -> k.rp().equals(key.retentionPolicy()) && k.measurement().equals(key.measurement()));
            }
        }
    }

    /** Forgets field types of shard groups that ended before {@code cutoff} (retention). */
    public synchronized void forgetShardsBefore(String database, String rp, long cutoff) {
        Database db = databases.get(database);
        if (db != null) {
            db.types.forEach((key, byShard) -> {
                if (key.rp().equals(rp)) {
                    byShard.headMap(cutoff).clear();
                }
            });
        }
    }

    /** Databases and policies as plain data, for a store to persist. */
    public synchronized Map<String, Object> describeMeta() {
        Map<String, Object> out = new LinkedHashMap<>();
        databases.forEach((name, db) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("default", db.defaultPolicy);
            List<Map<String, Object>> policies = new ArrayList<>();
            db.policies.values().forEach(p -> policies.add(Map.of("name", p.name(), "duration", p.durationNanos(),
                    "shard", p.shardGroupNanos(), "replicaN", p.replicaN())));
            entry.put("policies", policies);
            out.put(name, entry);
        });
        return out;
    }

    /** Restores what {@link #describeMeta()} gave (numbers may come back as Integer or Long). */
    @SuppressWarnings("unchecked")
    public synchronized void restoreMeta(Map<String, Object> meta) {
        databases.clear();
        meta.forEach((name, value) -> {
            Map<String, Object> entry = (Map<String, Object>) value;
            Database db = new Database();
            for (Map<String, Object> p : (List<Map<String, Object>>) entry.get("policies")) {
                RetentionPolicy policy = new RetentionPolicy((String) p.get("name"), ((Number) p.get("duration")).longValue(),
                        ((Number) p.get("shard")).longValue(), ((Number) p.get("replicaN")).intValue());
                db.policies.put(policy.name(), policy);
            }
            db.defaultPolicy = (String) entry.get("default");
            databases.put(name, db);
        });
    }
}
