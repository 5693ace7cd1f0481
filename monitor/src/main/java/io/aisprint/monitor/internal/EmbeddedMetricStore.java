package io.aisprint.monitor.internal;

import io.aisprint.monitor.Aggregation;
import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.MonitorException;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.Series;
import io.aisprint.monitor.SeriesQuery;
import io.aisprint.monitor.TagSet;
import io.aisprint.monitor.spi.Catalog;
import io.aisprint.monitor.spi.InfluxQlStore;
import io.aisprint.monitor.spi.MetricStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.concurrent.atomic.AtomicLong;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The default store: one DuckDB file. Each (measurement, tag set, field) is a series with an
 * integer id kept in memory; points go to a narrow columnar table {@code (series_id, time,
 * value, text)}. Writes use group commit without a writer thread: each writer queues its rows,
 * then takes the commit lock; whoever holds it appends every queued write and commits once.
 * A writer whose rows a previous holder already committed just returns. DuckDB syncs its
 * write-ahead log on commit, so a write is acknowledged only after it is on disk, concurrent
 * writes share the cost of one sync, and a lone writer commits on its own thread with no
 * hand-off to another thread (two context switches per write on a busy machine).
 *
 * <p>Small writes (single points, as most agents send them) are acknowledged sooner: the group is
 * appended to an {@link AckLog} next to the DuckDB file and synced once, and a background task
 * (or the next large write, read or delete, whichever comes first) commits the logged rows to
 * DuckDB many writes at a time, then empties the log. Reads apply the logged rows first, so a
 * client always reads what it was told is stored; after a crash the log is applied on open.
 */
public final class EmbeddedMetricStore implements MetricStore, InfluxQlStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record SeriesInfo(int id, String database, String rp, String measurement, SortedMap<String, String> tags, String field) {
        Catalog.FieldRef ref() {
            return new Catalog.FieldRef(new Catalog.SeriesKey(database, rp, measurement, tags), field);
        }
    }

    /** Lookup key; hashing the tag map is much cheaper than formatting it for every point. */
    private record SeriesKey(String database, String rp, String measurement, SortedMap<String, String> tags, String field) {
        @Override
        public int hashCode() {
            // The tag map's own hash (a sum over entries) collides often for few keys and values.
            int h = Objects.hashCode(database);
            h = 31 * h + Objects.hashCode(rp);
            h = 31 * h + measurement.hashCode();
            h = 31 * h + field.hashCode();
            return 31 * h + TagSet.seriesHash(tags);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SeriesKey that && measurement.equals(that.measurement) && field.equals(that.field)
                    && Objects.equals(rp, that.rp) && Objects.equals(database, that.database) && tags.equals(that.tags);
        }
    }

    /** Line-protocol types as stored in the kind column. */
    private static final Catalog.FieldType[] KINDS = Catalog.FieldType.values();
    /** Keeps one row per (series, time): the last written (highest seq). */
    private static final String LATEST = " QUALIFY row_number() OVER (PARTITION BY series_id, time ORDER BY seq DESC) = 1";

    /**
     * One write as columns, built on the caller's thread outside the commit lock, so the commit
     * only copies primitives into the appender. {@code texts} is null when the write has no string fields.
     */
    private record Rows(int[] seriesIds, long[] times, double[] values, long[] integers, byte[] kinds, String[] texts, int size) {
    }

    private record PendingWrite(Rows rows, CompletableFuture<Void> done) {
    }

    private final DuckDBConnection connection;
    private final Map<SeriesKey, SeriesInfo> seriesByKey = new ConcurrentHashMap<>();
    /**
     * Series handed out to writers but not yet stored. A series enters this queue inside the
     * map's computeIfAbsent, so before any writer can see its id; each commit stores
     * everything queued here in front of the points of each commit, so no acknowledged point
     * refers to a series missing from the table after a crash.
     */
    private final ConcurrentLinkedQueue<SeriesInfo> unstoredSeries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextSeriesId = new AtomicInteger();
    private final AtomicLong nextSeq = new AtomicLong();
    private final Catalog catalog;
    private final Connection metaConnection;
    private DuckDBAppender appender;
    private final ConcurrentLinkedQueue<PendingWrite> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();
    private volatile boolean closed;

    /** Writes of at most this many rows are acknowledged from the log. */
    private static final int LOGGED_ROWS = 64;
    /** Logged rows are committed to DuckDB at least this often... */
    private static final long APPLY_MILLIS = 50;
    /** ...and before the log holds more rows than this. */
    private static final int APPLY_ROWS = 20_000;
    private final AckLog ackLog;
    /** Acknowledged rows in the log, not yet in DuckDB (under the commit lock, in write order). */
    private final List<Rows> unapplied = new ArrayList<>();
    private volatile int unappliedRows;
    /** Series named in the log but not yet stored in DuckDB (under the commit lock). */
    private final List<SeriesInfo> loggedSeries = new ArrayList<>();
    private final ScheduledExecutorService applier = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "embedded-store-apply");
        thread.setDaemon(true);
        return thread;
    });

    public EmbeddedMetricStore(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, measurement VARCHAR NOT NULL,"
                        + " tags_json VARCHAR NOT NULL, field VARCHAR NOT NULL, series_key VARCHAR NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS points (series_id INTEGER NOT NULL, time BIGINT NOT NULL,"
                        + " value DOUBLE, text VARCHAR)");
                // Columns added with databases and typed values; files from earlier versions get them too.
                statement.execute("ALTER TABLE series ADD COLUMN IF NOT EXISTS db VARCHAR DEFAULT '" + LegacyDatabase.NAME + "'");
                statement.execute("ALTER TABLE series ADD COLUMN IF NOT EXISTS rp VARCHAR DEFAULT 'autogen'");
                statement.execute("ALTER TABLE points ADD COLUMN IF NOT EXISTS kind TINYINT DEFAULT 0");
                statement.execute("ALTER TABLE points ADD COLUMN IF NOT EXISTS ivalue BIGINT");
                statement.execute("ALTER TABLE points ADD COLUMN IF NOT EXISTS seq BIGINT DEFAULT 0");
                statement.execute("CREATE TABLE IF NOT EXISTS meta (k VARCHAR PRIMARY KEY, v VARCHAR)");
            }
            metaConnection = connection.duplicate();
            catalog = new Catalog(this::saveMeta);
            loadMeta();
            loadSeries();
            ackLog = new AckLog(Path.of(file.toAbsolutePath() + ".acklog"));
            replayLog();
        } catch (SQLException | IOException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Cannot open the embedded store at " + file
                    + ": " + e.getMessage() + "\nMaybe another 'aisprint monitor serve' uses the same --data directory.", e);
        }
    }

    /** Starts the task that moves logged rows into DuckDB (after the constructor has replayed the log). */
    private void startApplier() {
        applier.scheduleWithFixedDelay(() -> {
            if (unappliedRows > 0) {
                commitLock.lock();
                try {
                    applyLogged();
                } catch (RuntimeException e) {
                    // Kept in the log and retried on the next tick, read or write.
                } finally {
                    commitLock.unlock();
                }
            }
        }, APPLY_MILLIS, APPLY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Under the commit lock: commits the logged rows to DuckDB and empties the log. */
    private void applyLogged() {
        if (closed || unapplied.isEmpty()) {
            return;
        }
        try {
            commit(List.of());
        } catch (SQLException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Writing to the embedded store failed: " + e.getMessage(), e);
        }
    }

    /** On open: stores what the log still holds (acknowledged before a crash), then empties it. */
    private void replayLog() throws IOException, SQLException {
        List<byte[]> records = ackLog.readAll();
        if (!records.isEmpty()) {
            Map<Integer, SeriesInfo> byId = new java.util.HashMap<>();
            seriesByKey.values().forEach(info -> byId.put(info.id(), info));
            for (byte[] record : records) {
                AckLog.Reader in = new AckLog.Reader(record);
                int seriesCount = in.getInt();
                for (int n = 0; n < seriesCount; n++) {
                    int id = in.getInt();
                    String database = in.getString();
                    String rp = in.getString();
                    String measurement = in.getString();
                    TreeMap<String, String> tags = new TreeMap<>();
                    int tagCount = in.getInt();
                    for (int t = 0; t < tagCount; t++) {
                        tags.put(in.getString(), in.getString());
                    }
                    String field = in.getString();
                    SortedMap<String, String> tagSet = TagSet.of(tags);
                    SeriesKey key = new SeriesKey(database, rp, measurement, tagSet, field);
                    if (!seriesByKey.containsKey(key) && !byId.containsKey(id)) {
                        SeriesInfo info = new SeriesInfo(id, database, rp, measurement, tagSet, field);
                        seriesByKey.put(key, info);
                        byId.put(id, info);
                        loggedSeries.add(info);
                        nextSeriesId.set(Math.max(nextSeriesId.get(), id + 1));
                    }
                }
                int size = in.getInt();
                Rows rows = new Rows(new int[size], new long[size], new double[size], new long[size], new byte[size], new String[size], size);
                for (int row = 0; row < size; row++) {
                    rows.seriesIds()[row] = in.getInt();
                    rows.times()[row] = in.getLong();
                    rows.kinds()[row] = in.getByte();
                    rows.values()[row] = in.getDouble();
                    rows.integers()[row] = in.getLong();
                    rows.texts()[row] = in.getString();
                    SeriesInfo info = byId.get(rows.seriesIds()[row]);
                    if (info != null) {
                        catalog.restore(info.ref(), KINDS[rows.kinds()[row]], rows.times()[row]);
                    }
                }
                unapplied.add(rows);
            }
            commit(List.of());
        }
        ackLog.clear();
        startApplier();
    }

    /** The log record of a group of small writes: the series not yet in DuckDB, then the rows. */
    private static byte[] encode(List<SeriesInfo> series, List<PendingWrite> writes) throws IOException {
        AckLog.Writer out = new AckLog.Writer();
        out.putInt(series.size());
        for (SeriesInfo info : series) {
            out.putInt(info.id()).putString(info.database()).putString(info.rp()).putString(info.measurement()).putInt(info.tags().size());
            for (Map.Entry<String, String> tag : info.tags().entrySet()) {
                out.putString(tag.getKey()).putString(tag.getValue());
            }
            out.putString(info.field());
        }
        int size = 0;
        for (PendingWrite write : writes) {
            size += write.rows().size();
        }
        out.putInt(size);
        for (PendingWrite write : writes) {
            Rows rows = write.rows();
            for (int row = 0; row < rows.size(); row++) {
                out.putInt(rows.seriesIds()[row]).putLong(rows.times()[row]).putByte(rows.kinds()[row]).putDouble(rows.values()[row])
                        .putLong(rows.integers()[row]).putString(rows.texts() == null ? null : rows.texts()[row]);
            }
        }
        return out.toBytes();
    }

    private void loadMeta() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT v FROM meta WHERE k = 'catalog'")) {
            if (rows.next()) {
                try {
                    catalog.restoreMeta(MAPPER.readValue(rows.getString(1), new TypeReference<LinkedHashMap<String, Object>>() { }));
                } catch (IOException e) {
                    throw new SQLException("corrupt catalog row in the meta table: " + e.getMessage(), e);
                }
            }
        }
        if (!catalog.hasDatabase(LegacyDatabase.NAME)) {
            catalog.createDatabase(LegacyDatabase.NAME, null);
        }
    }

    /** Called by the catalog (under its lock) when databases or policies change. */
    private void saveMeta(Catalog changed) {
        try (PreparedStatement upsert = metaConnection.prepareStatement("INSERT OR REPLACE INTO meta VALUES ('catalog', ?)")) {
            upsert.setString(1, MAPPER.writeValueAsString(changed.describeMeta()));
            upsert.execute();
        } catch (SQLException | IOException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Cannot save the database list: " + e.getMessage(), e);
        }
    }

    private void loadSeries() throws SQLException {
        Map<Integer, SeriesInfo> byId = new java.util.HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, measurement, tags_json, field, db, rp FROM series")) {
            while (rows.next()) {
                SeriesInfo info = new SeriesInfo(rows.getInt(1), rows.getString(5), rows.getString(6), rows.getString(2),
                        TagSet.of(TagsJson.parse(rows.getString(3))), rows.getString(4));
                seriesByKey.put(new SeriesKey(info.database(), info.rp(), info.measurement(), info.tags(), info.field()), info);
                byId.put(info.id(), info);
                nextSeriesId.set(Math.max(nextSeriesId.get(), info.id() + 1));
            }
        }
        // Field types per shard group come back from the stored rows' kinds (at their first and last times).
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT series_id, kind, min(time), max(time), max(seq) FROM points GROUP BY 1, 2")) {
            while (rows.next()) {
                SeriesInfo info = byId.get(rows.getInt(1));
                if (info != null) {
                    catalog.restore(info.ref(), KINDS[rows.getInt(2)], rows.getLong(3), rows.getLong(4));
                }
                nextSeq.set(Math.max(nextSeq.get(), rows.getLong(5) + 1));
            }
        }
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public void write(List<Point> points) {
        write(LegacyDatabase.NAME, null, points);
    }

    @Override
    public List<String> write(String database, String retentionPolicy, List<Point> points) {
        Catalog.Admission admission = catalog.admit(database, retentionPolicy, points);
        String rp = retentionPolicy == null || retentionPolicy.isEmpty() ? catalog.defaultPolicy(database) : retentionPolicy;
        store(database, rp, admission.accepted());
        return admission.conflicts();
    }

    private void store(String database, String rp, List<Point> points) {
        if (points.isEmpty()) {
            return;
        }
        if (closed) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "The embedded store is closed.");
        }
        PendingWrite pending = new PendingWrite(toRows(database, rp, points), new CompletableFuture<>());
        queue.add(pending);
        commitLock.lock();
        try {
            if (!pending.done().isDone()) {
                commitQueued();
            }
        } finally {
            commitLock.unlock();
        }
        try {
            pending.done().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MonitorException monitorException) {
                throw monitorException;
            }
            throw new MonitorException(MonitorException.Kind.STORAGE, "Writing to the embedded store failed: " + cause.getMessage(), cause);
        }
    }

    /** Under the commit lock: commits every queued write at once and completes them. */
    private void commitQueued() {
        List<PendingWrite> batch = new ArrayList<>();
        for (PendingWrite next = queue.poll(); next != null; next = queue.poll()) {
            batch.add(next);
        }
        if (closed) {
            MonitorException failure = new MonitorException(MonitorException.Kind.STORAGE, "The embedded store is closed.");
            batch.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        try {
            if (loggable(batch)) {
                log(batch);
            } else {
                commit(batch);
            }
            batch.forEach(p -> p.done().complete(null));
        } catch (SQLException | IOException | RuntimeException e) {
            MonitorException failure = new MonitorException(MonitorException.Kind.STORAGE,
                    "Writing to the embedded store failed: " + e.getMessage(), e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
        }
    }

    private boolean loggable(List<PendingWrite> batch) {
        int rows = unappliedRows;
        for (PendingWrite pending : batch) {
            if (pending.rows().size() > LOGGED_ROWS) {
                return false;
            }
            rows += pending.rows().size();
        }
        return rows <= APPLY_ROWS;
    }

    /** Under the commit lock: appends the group to the log with one sync; DuckDB gets the rows later. */
    private void log(List<PendingWrite> batch) throws IOException {
        List<SeriesInfo> created = new ArrayList<>();
        for (SeriesInfo info = unstoredSeries.poll(); info != null; info = unstoredSeries.poll()) {
            created.add(info);
        }
        try {
            ackLog.append(List.of(encode(created, batch)));
        } catch (IOException | RuntimeException e) {
            unstoredSeries.addAll(created);
            throw e;
        }
        loggedSeries.addAll(created);
        int rows = unappliedRows;
        for (PendingWrite pending : batch) {
            unapplied.add(pending.rows());
            rows += pending.rows().size();
        }
        unappliedRows = rows;
    }

    /** Before a read or delete: whatever was acknowledged from the log goes into DuckDB first. */
    private void applyBeforeReading() {
        if (unappliedRows == 0) {
            return;
        }
        commitLock.lock();
        try {
            applyLogged();
        } finally {
            commitLock.unlock();
        }
    }

    /** Resolves series ids and lays the points out as columns, on the calling thread. */
    private Rows toRows(String database, String rp, List<Point> points) {
        int size = 0;
        for (Point point : points) {
            size += point.fields().size();
        }
        int[] seriesIds = new int[size];
        long[] times = new long[size];
        double[] values = new double[size];
        long[] integers = new long[size];
        byte[] kinds = new byte[size];
        String[] texts = null;
        int row = 0;
        for (Point point : points) {
            for (Map.Entry<String, FieldValue> field : point.fields().entrySet()) {
                seriesIds[row] = seriesId(database, rp, point, field.getKey());
                times[row] = point.timeNanos();
                FieldValue value = field.getValue();
                kinds[row] = (byte) Catalog.FieldType.of(value).ordinal();
                if (value instanceof FieldValue.IntegerValue i) {
                    integers[row] = i.value();
                } else if (value instanceof FieldValue.UnsignedValue u) {
                    integers[row] = u.value();
                } else if (value instanceof FieldValue.BooleanValue b) {
                    integers[row] = b.value() ? 1 : 0;
                }
                if (value instanceof FieldValue.StringValue text) {
                    if (texts == null) {
                        texts = new String[size];
                    }
                    texts[row] = text.value();
                } else {
                    values[row] = value.asDouble();
                }
                row++;
            }
        }
        return new Rows(seriesIds, times, values, integers, kinds, texts, size);
    }

    private int seriesId(String database, String rp, Point point, String field) {
        SeriesKey key = new SeriesKey(database, rp, point.measurement(), point.tags(), field);
        SeriesInfo info = seriesByKey.get(key);
        if (info == null) {
            info = seriesByKey.computeIfAbsent(key, k -> {
                SeriesInfo created = new SeriesInfo(nextSeriesId.getAndIncrement(), k.database(), k.rp(), k.measurement(), k.tags(),
                        k.field());
                unstoredSeries.add(created);
                return created;
            });
        }
        return info.id();
    }

    /**
     * Stores new series, appends the logged rows and then every pending write (write order, so
     * last-write-wins holds), then commits: one durable sync for all; then empties the log.
     */
    private void commit(List<PendingWrite> batch) throws SQLException {
        List<SeriesInfo> created = new ArrayList<>();
        for (SeriesInfo info = unstoredSeries.poll(); info != null; info = unstoredSeries.poll()) {
            created.add(info);
        }
        if (!created.isEmpty() || !loggedSeries.isEmpty()) {
            List<SeriesInfo> all = new ArrayList<>(loggedSeries);
            all.addAll(created);
            try {
                insertSeries(all);
            } catch (SQLException | RuntimeException e) {
                unstoredSeries.addAll(created);  // retried in front of the next commit
                throw e;
            }
            loggedSeries.clear();
        }
        try {
            if (appender == null) {
                // One appender for the store's life: creating one per commit costs more than the commit.
                appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "points");
            }
            for (Rows rows : unapplied) {
                appendRows(appender, rows, nextSeq);
            }
            for (PendingWrite pending : batch) {
                appendRows(appender, pending.rows(), nextSeq);
            }
            appender.flush();
        } catch (SQLException | RuntimeException e) {
            closeAppender();
            throw e;
        }
        if (!unapplied.isEmpty()) {
            unapplied.clear();
            unappliedRows = 0;
        }
        try {
            // Durably empty: a log cut but not synced could bring older records back behind newer ones.
            ackLog.clear();
        } catch (IOException e) {
            // The rows are committed; a replay of them after a crash stores the same values again.
        }
    }

    private static void appendRows(DuckDBAppender appender, Rows rows, AtomicLong seq) throws SQLException {
        String[] texts = rows.texts();
        for (int row = 0; row < rows.size(); row++) {
            appender.beginRow();
            appender.append(rows.seriesIds()[row]);
            appender.append(rows.times()[row]);
            if (texts != null && texts[row] != null) {
                appender.appendNull();
                appender.append(texts[row]);
            } else {
                appender.append(rows.values()[row]);
                appender.appendNull();
            }
            appender.append(rows.kinds()[row]);
            appender.append(rows.integers()[row]);
            appender.append(seq.getAndIncrement());
            appender.endRow();
        }
    }

    private void insertSeries(List<SeriesInfo> created) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO series (id, measurement, tags_json, field, series_key, db, rp) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (SeriesInfo info : created) {
                insert.setInt(1, info.id());
                insert.setString(2, info.measurement());
                insert.setString(3, TagsJson.format(info.tags()));
                insert.setString(4, info.field());
                insert.setString(5, key(info.measurement(), info.tags(), info.field()));
                insert.setString(6, info.database());
                insert.setString(7, info.rp());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String key(String measurement, SortedMap<String, String> tags, String field) {
        return measurement + '\u0000' + tags + '\u0000' + field;
    }

    @Override
    public List<Series> query(SeriesQuery query) {
        applyBeforeReading();
        boolean raw = query.aggregation().isEmpty();
        Map<String, Integer> groupIndex = new LinkedHashMap<>();
        List<SortedMap<String, String>> groupTags = new ArrayList<>();
        StringBuilder mapping = new StringBuilder();
        for (SeriesInfo info : seriesByKey.values()) {
            if (!info.measurement().equals(query.measurement()) || !info.field().equals(query.field())
                    || !info.tags().entrySet().containsAll(query.tags().entrySet())) {
                continue;
            }
            SortedMap<String, String> group = raw ? info.tags() : SeriesGrouping.groupTags(info.tags(), query.groupBy());
            Integer index = groupIndex.get(group.toString());
            if (index == null) {
                index = groupTags.size();
                groupIndex.put(group.toString(), index);
                groupTags.add(group);
            }
            mapping.append(mapping.length() == 0 ? "" : ",").append('(').append(info.id()).append(',').append(index).append(')');
        }
        if (groupTags.isEmpty()) {
            return List.of();
        }
        String sql = sql(query, mapping.toString());
        Map<Integer, List<Series.Sample>> samples = new TreeMap<>();
        try (Connection reader = connection.duplicate();
                PreparedStatement statement = reader.prepareStatement(sql)) {
            statement.setLong(1, query.fromNanos());
            statement.setLong(2, query.toNanos());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    double value = rows.getDouble(3);
                    if (rows.wasNull()) {
                        continue;
                    }
                    samples.computeIfAbsent(rows.getInt(1), k -> new ArrayList<>()).add(new Series.Sample(rows.getLong(2), value));
                }
            }
        } catch (SQLException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Query on the embedded store failed: " + e.getMessage(), e);
        }
        List<Series> result = new ArrayList<>();
        samples.forEach((index, list) -> result.add(new Series(query.measurement(), groupTags.get(index), list)));
        result.sort((a, b) -> a.tags().toString().compareTo(b.tags().toString()));
        return result;
    }

    private static String sql(SeriesQuery query, String mapping) {
        String from = " FROM (SELECT * FROM points" + LATEST + ") p JOIN (VALUES " + mapping + ") g(sid, grp) ON p.series_id = g.sid"
                + " WHERE p.time >= ? AND p.time < ? AND p.value IS NOT NULL";
        if (query.aggregation().isEmpty()) {
            return "SELECT g.grp, p.time, p.value" + from + " ORDER BY 1, 2";
        }
        Aggregation aggregation = query.aggregation().get();
        long window = query.windowNanos();
        boolean windowed = query.window().isPresent();
        String bucket = windowed ? "(p.time - (((p.time % " + window + ") + " + window + ") % " + window + "))"
                : Long.toString(query.fromNanos());
        String time = bucket;
        String value = switch (aggregation.function()) {
            case MEAN -> "avg(p.value)";
            case MIN -> "min(p.value)";
            case MAX -> "max(p.value)";
            case SUM -> "sum(p.value)";
            case COUNT -> "count(p.value)::DOUBLE";
            case PERCENTILE -> "quantile_disc(p.value, " + aggregation.percentile() / 100.0 + ")";
            case FIRST -> "arg_min(p.value, p.time)";
            case LAST -> "arg_max(p.value, p.time)";
            case RATE -> "(arg_max(p.value, p.time) - arg_min(p.value, p.time)) / " + (window / 1e9);
        };
        if (!windowed && aggregation.function() == Aggregation.Function.FIRST) {
            time = "min(p.time)";
        } else if (!windowed && aggregation.function() == Aggregation.Function.LAST) {
            time = "max(p.time)";
        }
        String groupBy = windowed ? " GROUP BY g.grp, " + bucket : " GROUP BY g.grp";
        return "SELECT g.grp, " + time + " AS t, " + value + from + groupBy + " ORDER BY 1, 2";
    }

    @Override
    public Map<Catalog.FieldRef, NavigableMap<Long, FieldValue>> read(Collection<Catalog.FieldRef> fields, long from, long to) {
        applyBeforeReading();
        Map<Integer, Catalog.FieldRef> ids = ids(fields);
        Map<Catalog.FieldRef, NavigableMap<Long, FieldValue>> out = new LinkedHashMap<>();
        if (ids.isEmpty() || from > to) {
            return out;
        }
        // Rows in write order (seq): a later row for the same time replaces the earlier one in the map,
        // which is last-write-wins without DuckDB's window function (a sort on one column is much cheaper).
        String sql = "SELECT series_id, time, kind, value, ivalue, text FROM points WHERE series_id IN (" + idList(ids)
                + ") AND time >= ? AND time <= ? ORDER BY seq";
        try (Connection reader = connection.duplicate(); PreparedStatement statement = reader.prepareStatement(sql)) {
            statement.setLong(1, from);
            statement.setLong(2, to);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    FieldValue value = switch (KINDS[rows.getInt(3)]) {
                        case FLOAT -> new FieldValue.FloatValue(rows.getDouble(4));
                        case INTEGER -> new FieldValue.IntegerValue(rows.getLong(5));
                        case UNSIGNED -> new FieldValue.UnsignedValue(rows.getLong(5));
                        case BOOLEAN -> new FieldValue.BooleanValue(rows.getLong(5) != 0);
                        case STRING -> new FieldValue.StringValue(rows.getString(6));
                    };
                    out.computeIfAbsent(ids.get(rows.getInt(1)), k -> new TreeMap<>()).put(rows.getLong(2), value);
                }
            }
        } catch (SQLException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Query on the embedded store failed: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void delete(Collection<Catalog.FieldRef> fields, long from, long to) {
        Map<Integer, Catalog.FieldRef> ids = ids(fields);
        if (ids.isEmpty() || from > to) {
            return;
        }
        commitLock.lock();
        try {
            applyLogged();
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM points WHERE series_id IN (" + idList(ids)
                    + ") AND time >= ? AND time <= ?")) {
                statement.setLong(1, from);
                statement.setLong(2, to);
                statement.execute();
            }
        } catch (SQLException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Deleting from the embedded store failed: " + e.getMessage(), e);
        } finally {
            commitLock.unlock();
        }
    }

    private Map<Integer, Catalog.FieldRef> ids(Collection<Catalog.FieldRef> fields) {
        Map<Integer, Catalog.FieldRef> ids = new LinkedHashMap<>();
        for (Catalog.FieldRef ref : fields) {
            Catalog.SeriesKey series = ref.series();
            SeriesInfo info = seriesByKey.get(new SeriesKey(series.database(), series.retentionPolicy(), series.measurement(),
                    series.tags(), ref.field()));
            if (info != null) {
                ids.put(info.id(), ref);
            }
        }
        return ids;
    }

    private static String idList(Map<Integer, Catalog.FieldRef> ids) {
        StringBuilder list = new StringBuilder();
        ids.keySet().forEach(id -> list.append(list.length() == 0 ? "" : ",").append(id));
        return list.toString();
    }

    private void closeAppender() {
        if (appender != null) {
            try {
                appender.close();
            } catch (SQLException | RuntimeException e) {
                // The connection is closing or the append failed; nothing buffered is acknowledged.
            }
            appender = null;
        }
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        applier.shutdown();
        commitLock.lock();
        try {
            try {
                applyLogged();
            } catch (RuntimeException e) {
                // Left in the log: applied when the store is opened again.
            }
            closed = true;
            closeAppender();
            ackLog.close();
            metaConnection.close();
            connection.close();
        } catch (SQLException | IOException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Closing the embedded store failed: " + e.getMessage(), e);
        } finally {
            commitLock.unlock();
        }
    }
}
