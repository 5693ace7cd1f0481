package io.aisprint.monitor.influxql;

import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.influxql.Reducers.Pt;
import io.aisprint.monitor.influxql.Statement.FillMode;
import io.aisprint.monitor.influxql.Statement.Select;
import io.aisprint.monitor.spi.Catalog;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs a SELECT: reads the series of its sources, filters rows by the WHERE clause, groups them
 * by tags and time windows, evaluates the columns (raw values, arithmetic, aggregates,
 * selectors, transforms), fills empty windows, and orders and limits the result as influxd does.
 */
final class SelectExecutor {
    /** One output column: its expression (wildcards expanded) and its name. */
    private record Column(Expr expr, String name) {
    }

    /** The pseudo-function of the tag columns that top/bottom with tag arguments add. */
    private static final String TAG_OF = "\u0000tag_of";

    private final QueryContext context;
    /** The series each reduced point came from, by the id its {@link Pt} carries. */
    private final Map<Integer, SeriesRows> seriesById = new java.util.HashMap<>();

    SelectExecutor(QueryContext context) {
        this.context = context;
    }

    List<ResultSeries> execute(Select select, TimeRange outer) {
        ZoneId zone = select.zone();
        TimeRange range = TimeRange.extract(select.condition(), context.now(), zone);
        if (outer != null) {
            range = new TimeRange(Math.max(range.min(), outer.min()), Math.min(range.max(), outer.max()), range.remaining());
        }
        Expr.Call timeDimension = null;
        List<Expr> tagDimensions = new ArrayList<>();
        for (Expr dimension : select.dimensions()) {
            if (dimension instanceof Expr.Call call && call.name().equals("time")) {
                timeDimension = call;
            } else {
                tagDimensions.add(dimension);
            }
        }
        boolean aggregate = select.fields().stream().anyMatch(f -> containsReducer(f.expr()));
        if (timeDimension != null && !aggregate) {
            throw new QueryError("GROUP BY requires at least one aggregate function");
        }
        if (timeDimension != null && !range.hasMax()) {
            range = new TimeRange(range.min(), context.now(), range.remaining());
        }
        List<SeriesRows> inputs = load(select, range);
        if (inputs.isEmpty()) {
            return List.of();
        }
        Set<String> allTags = new TreeSet<>();
        Set<String> allFields = new TreeSet<>();
        for (SeriesRows input : inputs) {
            allTags.addAll(input.tags().keySet());
            allFields.addAll(input.fields());
        }
        List<String> groupKeys = groupKeys(tagDimensions, allTags);
        List<Column> columns = columns(select, allFields, allTags, groupKeys, inputs);
        if (aggregate) {
            for (Column column : columns) {
                if (hasBareField(column.expr())) {
                    throw new QueryError("mixing aggregate and non-aggregate queries is not supported");
                }
            }
        }
        Map<String, List<SeriesRows>> groups = new TreeMap<>();
        Map<String, SortedMap<String, String>> groupTags = new TreeMap<>();
        for (SeriesRows input : inputs) {
            TreeMap<String, String> tags = new TreeMap<>();
            for (String key : groupKeys) {
                tags.put(key, input.tags().getOrDefault(key, ""));
            }
            StringBuilder key = new StringBuilder(input.measurement()).append('\u0000');
            tags.forEach((k, v) -> key.append(k).append('\u0001').append(v).append('\u0002'));
            groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(input);
            groupTags.put(key.toString(), tags);
        }
        List<ResultSeries> out = new ArrayList<>();
        long interval = timeDimension == null ? 0 : timeDimensionInterval(timeDimension);
        long offset = timeDimension == null ? 0 : timeDimensionOffset(timeDimension);
        long earliest = Long.MAX_VALUE;
        for (SeriesRows input : inputs) {
            if (!input.rows().isEmpty()) {
                earliest = Math.min(earliest, input.rows().firstKey());
            }
        }
        for (Map.Entry<String, List<SeriesRows>> group : groups.entrySet()) {
            List<SeriesRows> members = group.getValue();
            List<List<Object>> rows;
            if (aggregate) {
                rows = aggregateRows(select, columns, members, range, interval, offset, earliest, zone);
            } else {
                rows = rawRows(columns, members);
            }
            if (rows.isEmpty()) {
                continue;
            }
            if (select.descending()) {
                Collections.reverse(rows);
            }
            rows = SelectLimits.apply(rows, select.limit(), select.offset());
            if (rows.isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            names.add("time");
            columns.forEach(c -> names.add(c.name()));
            SortedMap<String, String> tags = groupKeys.isEmpty() ? null : groupTags.get(group.getKey());
            out.add(new ResultSeries(members.get(0).measurement(), tags, names, rows));
        }
        if (select.descending()) {
            Collections.reverse(out); // influxd walks the series backwards too
        }
        return SelectLimits.apply(out, select.seriesLimit(), select.seriesOffset());
    }

    // ---- sources ---------------------------------------------------------------------------

    private List<SeriesRows> load(Select select, TimeRange range) {
        List<SeriesRows> out = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        boolean wildcard = false;
        for (Statement.Field field : select.fields()) {
            wildcard |= collectRefs(field.expr(), referenced);
        }
        if (range.remaining() != null) {
            collectRefs(range.remaining(), referenced);
        }
        for (Statement.Source source : select.sources()) {
            if (source instanceof Statement.SubQuery sub) {
                for (ResultSeries series : new SelectExecutor(context).execute(sub.select(), range)) {
                    out.add(fromResult(series, range));
                }
                continue;
            }
            Statement.Measurement m = (Statement.Measurement) source;
            String db = m.database() != null ? m.database() : context.requireDatabase();
            if (!context.store().catalog().hasDatabase(db)) {
                throw new QueryError("database not found: " + db);
            }
            String rp = m.retentionPolicy() != null ? m.retentionPolicy()
                    : context.retentionPolicy() != null && !context.retentionPolicy().isEmpty() ? context.retentionPolicy()
                    : context.store().catalog().defaultPolicy(db);
            if (context.store().catalog().policy(db, rp) == null) {
                throw new QueryError("retention policy not found: " + rp);
            }
            List<String> names = new ArrayList<>();
            if (m.regex() != null) {
                for (String name : context.store().catalog().measurements(db)) {
                    if (m.regex().pattern().matcher(name).find()) {
                        names.add(name);
                    }
                }
            } else {
                names.add(m.name());
            }
            for (String name : names) {
                out.addAll(read(db, rp, name, referenced, wildcard, range));
            }
        }
        return out;
    }

    private List<SeriesRows> read(String db, String rp, String measurement, Set<String> referenced, boolean wildcard,
            TimeRange range) {
        Map<Catalog.SeriesKey, Map<String, Catalog.FieldType>> series = context.store().catalog().series(db, rp, measurement);
        Set<String> measurementFields = new TreeSet<>();
        series.values().forEach(f -> measurementFields.addAll(f.keySet()));
        List<Catalog.FieldRef> refs = new ArrayList<>();
        for (Map.Entry<Catalog.SeriesKey, Map<String, Catalog.FieldType>> entry : series.entrySet()) {
            if (range.remaining() != null
                    && Boolean.FALSE.equals(TagFilter.decide(range.remaining(), entry.getKey().tags(), measurementFields))) {
                continue; // the tags alone rule this series out: do not read it
            }
            for (String field : entry.getValue().keySet()) {
                if (wildcard || referenced.contains(field)) {
                    refs.add(new Catalog.FieldRef(entry.getKey(), field));
                }
            }
        }
        Map<Catalog.FieldRef, NavigableMap<Long, FieldValue>> data = context.store().read(refs, range.min(), range.max());
        Map<Catalog.SeriesKey, TreeMap<Long, Map<String, Object>>> rows = new LinkedHashMap<>();
        data.forEach((ref, values) -> {
            TreeMap<Long, Map<String, Object>> seriesRows = rows.computeIfAbsent(ref.series(), k -> new TreeMap<>());
            values.forEach((time, value) -> seriesRows.computeIfAbsent(time, t -> new LinkedHashMap<>()).put(ref.field(), plain(value)));
        });
        List<SeriesRows> out = new ArrayList<>();
        List<Catalog.SeriesKey> keys = new ArrayList<>(rows.keySet());
        keys.sort((a, b) -> io.aisprint.monitor.LineProtocol.seriesKey(measurement, a.tags())
                .compareTo(io.aisprint.monitor.LineProtocol.seriesKey(measurement, b.tags())));
        for (Catalog.SeriesKey key : keys) {
            SeriesRows input = new SeriesRows(measurement, key.tags(), measurementFields, rows.get(key));
            SeriesRows filtered = filter(input, range.remaining());
            if (!filtered.rows().isEmpty()) {
                out.add(filtered);
            }
        }
        return out;
    }

    private static Object plain(FieldValue value) {
        if (value instanceof FieldValue.FloatValue f) {
            return f.value();
        }
        if (value instanceof FieldValue.IntegerValue i) {
            return i.value();
        }
        if (value instanceof FieldValue.UnsignedValue u) {
            return u.value();
        }
        if (value instanceof FieldValue.StringValue s) {
            return s.value();
        }
        return ((FieldValue.BooleanValue) value).value();
    }

    private static SeriesRows fromResult(ResultSeries series, TimeRange range) {
        TreeMap<Long, Map<String, Object>> rows = new TreeMap<>();
        Set<String> fields = new LinkedHashSet<>(series.columns().subList(1, series.columns().size()));
        for (List<Object> row : series.values()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 1; i < row.size(); i++) {
                if (row.get(i) != null) {
                    values.put(series.columns().get(i), row.get(i));
                }
            }
            if (!values.isEmpty()) {
                rows.merge((Long) row.get(0), values, (a, b) -> {
                    a.putAll(b);
                    return a;
                });
            }
        }
        SeriesRows input = new SeriesRows(series.name(), series.tags() == null ? new TreeMap<>() : series.tags(), fields, rows);
        return filter(input, range.remaining());
    }

    private static SeriesRows filter(SeriesRows input, Expr condition) {
        if (condition == null) {
            return input;
        }
        TreeMap<Long, Map<String, Object>> kept = new TreeMap<>();
        input.rows().forEach((time, values) -> {
            if (Boolean.TRUE.equals(evalRow(condition, values, input))) {
                kept.put(time, values);
            }
        });
        return new SeriesRows(input.measurement(), input.tags(), input.fields(), kept);
    }

    /** Collects referenced names; true when the expression holds a wildcard. */
    private static boolean collectRefs(Expr expr, Set<String> names) {
        if (expr instanceof Expr.VarRef ref) {
            names.add(ref.name());
            return false;
        }
        if (expr instanceof Expr.Call call) {
            boolean wildcard = false;
            for (Expr arg : call.args()) {
                wildcard |= collectRefs(arg, names);
            }
            return wildcard;
        }
        if (expr instanceof Expr.Binary binary) {
            return collectRefs(binary.lhs(), names) | collectRefs(binary.rhs(), names);
        }
        if (expr instanceof Expr.Paren paren) {
            return collectRefs(paren.expr(), names);
        }
        return expr instanceof Expr.Wildcard || expr instanceof Expr.RegexLit;
    }

    // ---- row evaluation -------------------------------------------------------------------------

    static Object evalRow(Expr expr, Map<String, Object> values, SeriesRows series) {
        if (expr instanceof Expr.Paren paren) {
            return evalRow(paren.expr(), values, series);
        }
        if (expr instanceof Expr.VarRef ref) {
            return lookup(ref, values, series);
        }
        if (expr instanceof Expr.Binary binary) {
            if (binary.op().equals("AND") || binary.op().equals("OR")) {
                boolean lhs = Boolean.TRUE.equals(evalRow(binary.lhs(), values, series));
                if (binary.op().equals("AND") && !lhs) {
                    return false;
                }
                if (binary.op().equals("OR") && lhs) {
                    return true;
                }
                return Boolean.TRUE.equals(evalRow(binary.rhs(), values, series));
            }
            Object lhs = evalRow(binary.lhs(), values, series);
            Object rhs = evalRow(binary.rhs(), values, series);
            if (Values.isComparison(binary.op())) {
                return Values.compare(binary.op(), lhs, rhs);
            }
            return Values.arithmetic(binary.op(), lhs, rhs);
        }
        return literal(expr);
    }

    /** The value of a literal expression; null for anything else. */
    static Object literal(Expr expr) {
        if (expr instanceof Expr.IntegerLit i) {
            return i.value();
        }
        if (expr instanceof Expr.NumberLit n) {
            return n.value();
        }
        if (expr instanceof Expr.StringLit s) {
            return s.value();
        }
        if (expr instanceof Expr.BooleanLit b) {
            return b.value();
        }
        if (expr instanceof Expr.DurationLit d) {
            return d.nanos();
        }
        return expr instanceof Expr.RegexLit r ? r.pattern() : null;
    }

    private static Object lookup(Expr.VarRef ref, Map<String, Object> values, SeriesRows series) {
        boolean isField = series.fields().contains(ref.name());
        if ("tag".equals(ref.type())) {
            return series.tags().get(ref.name());
        }
        if (isField || "field".equals(ref.type())) {
            return cast(values.get(ref.name()), ref.type());
        }
        return series.tags().getOrDefault(ref.name(), "");
    }

    private static Object cast(Object value, String type) {
        if (value == null || type == null) {
            return value;
        }
        return switch (type) {
            case "float" -> Values.isNumber(value) ? Values.asDouble(value) : null;
            case "integer" -> Values.isNumber(value) ? (Object) ((Number) value).longValue() : null;
            case "string" -> value instanceof String ? value : null;
            case "boolean" -> value instanceof Boolean ? value : null;
            default -> value;
        };
    }

    // ---- columns ------------------------------------------------------------------------------

    private static List<String> groupKeys(List<Expr> dimensions, Set<String> allTags) {
        Set<String> keys = new TreeSet<>();
        for (Expr dimension : dimensions) {
            if (dimension instanceof Expr.Wildcard) {
                keys.addAll(allTags);
            } else if (dimension instanceof Expr.RegexLit regex) {
                allTags.stream().filter(t -> regex.pattern().matcher(t).find()).forEach(keys::add);
            } else if (dimension instanceof Expr.VarRef ref) {
                keys.add(ref.name());
            }
        }
        return List.copyOf(keys);
    }

    private static List<Column> columns(Select select, Set<String> fields, Set<String> tags, List<String> groupKeys,
            List<SeriesRows> inputs) {
        List<Column> out = new ArrayList<>();
        for (Statement.Field field : select.fields()) {
            Expr expr = field.expr();
            if (expr instanceof Expr.Wildcard wildcard) {
                Set<String> names = new TreeSet<>();
                if (!"tag".equals(wildcard.type())) {
                    names.addAll(fields);
                }
                if (!"field".equals(wildcard.type())) {
                    tags.stream().filter(t -> !groupKeys.contains(t)).forEach(names::add);
                }
                names.forEach(name -> out.add(new Column(new Expr.VarRef(name, fields.contains(name) ? null : "tag"), name)));
                continue;
            }
            if (expr instanceof Expr.RegexLit regex) {
                fields.stream().filter(f -> regex.pattern().matcher(f).find())
                        .forEach(name -> out.add(new Column(new Expr.VarRef(name, null), name)));
                continue;
            }
            if (expr instanceof Expr.Call call && !call.args().isEmpty()
                    && (call.args().get(0) instanceof Expr.Wildcard || call.args().get(0) instanceof Expr.RegexLit)) {
                for (String name : fields) {
                    if (call.args().get(0) instanceof Expr.RegexLit regex && !regex.pattern().matcher(name).find()) {
                        continue;
                    }
                    if (!acceptsType(call.name(), name, inputs)) {
                        continue;
                    }
                    List<Expr> args = new ArrayList<>(call.args());
                    args.set(0, new Expr.VarRef(name, null));
                    out.add(new Column(new Expr.Call(call.name(), args), field.alias() != null ? field.alias() + "_" + name
                            : call.name() + "_" + name));
                }
                continue;
            }
            out.add(new Column(expr, field.alias() != null ? field.alias() : name(expr)));
            if (expr instanceof Expr.Call call && isTopWithTags(call)) {
                // top(field, tag..., N) also answers the chosen points' tag values, one column per tag.
                for (Expr tag : call.args().subList(1, call.args().size() - 1)) {
                    if (tag instanceof Expr.VarRef ref) {
                        out.add(new Column(new Expr.Call(TAG_OF, List.of(ref)), ref.name()));
                    }
                }
            }
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Column> unique = new ArrayList<>();
        for (Column column : out) {
            Integer count = seen.get(column.name());
            seen.merge(column.name(), 1, Integer::sum);
            unique.add(count == null ? column : new Column(column.expr(), column.name() + "_" + count));
        }
        return unique;
    }

    /** Wildcard calls such as mean(*) only cover the fields the function can take (numbers, for most). */
    private static boolean acceptsType(String function, String field, List<SeriesRows> inputs) {
        if (Set.of("count", "first", "last", "distinct", "mode").contains(function)) {
            return true;
        }
        for (SeriesRows input : inputs) {
            for (Map<String, Object> row : input.rows().values()) {
                Object value = row.get(field);
                if (value != null) {
                    return Values.isNumber(value);
                }
            }
        }
        return true;
    }

    private static String name(Expr expr) {
        List<String> parts = new ArrayList<>();
        nameParts(expr, parts);
        return parts.isEmpty() ? "" : String.join("_", parts);
    }

    private static void nameParts(Expr expr, List<String> parts) {
        if (expr instanceof Expr.VarRef ref) {
            parts.add(ref.name());
        } else if (expr instanceof Expr.Call call) {
            parts.add(call.name());
        } else if (expr instanceof Expr.Binary binary) {
            nameParts(binary.lhs(), parts);
            nameParts(binary.rhs(), parts);
        } else if (expr instanceof Expr.Paren paren) {
            nameParts(paren.expr(), parts);
        }
    }

    private static boolean containsReducer(Expr expr) {
        if (expr instanceof Expr.Call call) {
            return Reducers.isReducer(call.name()) || call.args().stream().anyMatch(SelectExecutor::containsReducer);
        }
        if (expr instanceof Expr.Binary binary) {
            return containsReducer(binary.lhs()) || containsReducer(binary.rhs());
        }
        return expr instanceof Expr.Paren paren && containsReducer(paren.expr());
    }

    private static boolean hasBareField(Expr expr) {
        if (expr instanceof Expr.VarRef) {
            return true;
        }
        if (expr instanceof Expr.Binary binary) {
            return hasBareField(binary.lhs()) || hasBareField(binary.rhs());
        }
        return expr instanceof Expr.Paren paren && hasBareField(paren.expr());
    }

    // ---- raw queries ---------------------------------------------------------------------------

    private record Merged(long time, Map<String, Object> values, SeriesRows series) {
    }

    private static List<Merged> merge(List<SeriesRows> members) {
        List<Merged> merged = new ArrayList<>();
        for (SeriesRows member : members) {
            member.rows().forEach((time, values) -> merged.add(new Merged(time, values, member)));
        }
        merged.sort((a, b) -> Long.compare(a.time(), b.time()));
        return merged;
    }

    private List<List<Object>> rawRows(List<Column> columns, List<SeriesRows> members) {
        boolean transform = columns.stream().anyMatch(c -> containsTransform(c.expr()));
        List<Merged> merged = merge(members);
        if (transform) {
            return transformRows(columns, merged);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Merged row : merged) {
            List<Object> out = new ArrayList<>(columns.size() + 1);
            out.add(row.time());
            boolean anyField = false;
            for (Column column : columns) {
                Object value = project(column.expr(), row.values(), row.series());
                out.add(value);
                if (value != null && referencesField(column.expr(), row.series())) {
                    anyField = true;
                }
            }
            if (anyField) {
                rows.add(out);
            }
        }
        return rows;
    }

    /** A column's value; unlike a WHERE clause, a name the series lacks is null (not the empty tag). */
    private static Object project(Expr expr, Map<String, Object> values, SeriesRows series) {
        if (expr instanceof Expr.VarRef ref && !series.fields().contains(ref.name()) && !series.tags().containsKey(ref.name())) {
            return null;
        }
        return evalRow(expr, values, series);
    }

    private static boolean referencesField(Expr expr, SeriesRows series) {
        if (expr instanceof Expr.VarRef ref) {
            return !"tag".equals(ref.type()) && series.fields().contains(ref.name());
        }
        if (expr instanceof Expr.Binary binary) {
            return referencesField(binary.lhs(), series) || referencesField(binary.rhs(), series);
        }
        return expr instanceof Expr.Paren paren && referencesField(paren.expr(), series);
    }

    private static boolean containsTransform(Expr expr) {
        if (expr instanceof Expr.Call call) {
            return Reducers.TRANSFORMS.contains(call.name()) || call.args().stream().anyMatch(SelectExecutor::containsTransform);
        }
        if (expr instanceof Expr.Binary binary) {
            return containsTransform(binary.lhs()) || containsTransform(binary.rhs());
        }
        return expr instanceof Expr.Paren paren && containsTransform(paren.expr());
    }

    /** Raw transforms such as derivative(value): each column is a sequence; rows are joined on time. */
    private List<List<Object>> transformRows(List<Column> columns, List<Merged> merged) {
        List<TreeMap<Long, Object>> sequences = new ArrayList<>();
        TreeSet<Long> times = new TreeSet<>();
        for (Column column : columns) {
            TreeMap<Long, Object> sequence = new TreeMap<>();
            for (Pt p : rawSequence(column.expr(), merged)) {
                sequence.putIfAbsent(p.time(), p.value());
            }
            sequences.add(sequence);
            times.addAll(sequence.keySet());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (long time : times) {
            List<Object> row = new ArrayList<>();
            row.add(time);
            sequences.forEach(s -> row.add(s.get(time)));
            rows.add(row);
        }
        return rows;
    }

    private List<Pt> rawSequence(Expr expr, List<Merged> merged) {
        Expr plain = Expr.unparen(expr);
        if (plain instanceof Expr.Call call && Reducers.TRANSFORMS.contains(call.name())) {
            if (call.args().isEmpty()) {
                throw new QueryError("invalid number of arguments for " + call.name() + ", expected at least 1, got 0");
            }
            List<Pt> input = rawSequence(call.args().get(0), merged);
            return Transforms.apply(call.name(), input, call.args(), 1_000_000_000L);
        }
        if (plain instanceof Expr.Binary binary && !Values.isComparison(binary.op())) {
            List<Pt> lhs = rawSequence(binary.lhs(), merged);
            List<Pt> rhs = rawSequence(binary.rhs(), merged);
            return combine(binary.op(), lhs, rhs);
        }
        if (plain instanceof Expr.Call call) {
            throw new QueryError("mixing aggregate and non-aggregate queries is not supported");
        }
        List<Pt> out = new ArrayList<>();
        for (Merged row : merged) {
            Object value = evalRow(plain, row.values(), row.series());
            if (value != null) {
                out.add(new Pt(row.time(), value));
            }
        }
        return out;
    }

    /** Arithmetic between two sequences (or a sequence and a constant, whose time is WINDOW). */
    private static List<Pt> combine(String op, List<Pt> lhs, List<Pt> rhs) {
        boolean lhsConstant = lhs.size() == 1 && lhs.get(0).time() == Long.MIN_VALUE + 1;
        boolean rhsConstant = rhs.size() == 1 && rhs.get(0).time() == Long.MIN_VALUE + 1;
        List<Pt> out = new ArrayList<>();
        if (rhsConstant || lhsConstant) {
            List<Pt> seq = lhsConstant ? rhs : lhs;
            Object constant = lhsConstant ? lhs.get(0).value() : rhs.get(0).value();
            for (Pt p : seq) {
                out.add(new Pt(p.time(), lhsConstant ? Values.arithmetic(op, constant, p.value())
                        : Values.arithmetic(op, p.value(), constant)));
            }
            return out;
        }
        TreeMap<Long, Object> right = new TreeMap<>();
        rhs.forEach(p -> right.putIfAbsent(p.time(), p.value()));
        for (Pt p : lhs) {
            if (right.containsKey(p.time())) {
                out.add(new Pt(p.time(), Values.arithmetic(op, p.value(), right.get(p.time()))));
            }
        }
        return out;
    }

    // ---- aggregates -------------------------------------------------------------------------------

    private static long timeDimensionInterval(Expr.Call call) {
        if (call.args().isEmpty() || !(Expr.unparen(call.args().get(0)) instanceof Expr.DurationLit d)) {
            throw new QueryError("time dimension expected 1 or 2 arguments");
        }
        if (d.nanos() <= 0) {
            throw new QueryError("time dimension must have a positive duration");
        }
        return d.nanos();
    }

    private long timeDimensionOffset(Expr.Call call) {
        if (call.args().size() < 2) {
            return 0;
        }
        Expr arg = Expr.unparen(call.args().get(1));
        if (arg instanceof Expr.DurationLit d) {
            return d.nanos();
        }
        if (arg instanceof Expr.Call now && now.name().equals("now")) {
            return context.now();
        }
        throw new QueryError("time dimension offset must be duration or now()");
    }

    private static long truncate(long time, long interval, long offset, ZoneId zone) {
        long zoneOffset = 0;
        if (zone != null) {
            zoneOffset = zone.getRules().getOffset(java.time.Instant.ofEpochSecond(Math.floorDiv(time, 1_000_000_000L)))
                    .getTotalSeconds() * 1_000_000_000L;
        }
        long shifted = time + zoneOffset - offset;
        return Math.floorDiv(shifted, interval) * interval - zoneOffset + offset;
    }

    private List<List<Object>> aggregateRows(Select select, List<Column> columns, List<SeriesRows> members, TimeRange range,
            long interval, long offset, long earliest, ZoneId zone) {
        List<Merged> merged = merge(members);
        // influxd reduces a window series by series (each in time order), so sums add up in that order.
        List<Merged> bySeries = new ArrayList<>();
        List<SeriesRows> order = new ArrayList<>(members);
        if (select.descending()) {
            Collections.reverse(order);
        }
        for (SeriesRows member : order) {
            member.rows().forEach((time, values) -> bySeries.add(new Merged(time, values, member)));
        }
        List<long[]> windows = new ArrayList<>();
        if (interval > 0) {
            long start = truncate(range.hasMin() ? range.min() : earliest, interval, offset, zone);
            long end = range.max();
            if ((end - start) / interval > 1_000_000) {
                throw new QueryError("max-select-buckets limit exceeded: (" + (end - start) / interval + "/1000000)");
            }
            for (long w = start; w <= end; w += interval) {
                windows.add(new long[] {w, Math.min(w + interval - 1, end)});
            }
        } else {
            windows.add(new long[] {range.hasMin() ? range.min() : 0, range.max()});
        }
        boolean selectorTime = interval == 0 && columns.size() == 1 && isPureSelector(columns.get(0).expr());
        List<List<List<Pt>>> perColumn = new ArrayList<>();
        for (Column column : columns) {
            perColumn.add(Expr.unparen(column.expr()) instanceof Expr.Call call && call.name().equals(TAG_OF) ? null
                    : evaluateColumn(column.expr(), merged, bySeries, windows, range));
        }
        for (int c = 0; c < columns.size(); c++) {
            if (perColumn.get(c) == null) { // a tag column of top/bottom: the tag of each point chosen in the column before
                String tag = ((Expr.VarRef) ((Expr.Call) Expr.unparen(columns.get(c).expr())).args().get(0)).name();
                List<List<Pt>> tags = new ArrayList<>();
                for (List<Pt> chosen : perColumn.get(c - 1)) {
                    List<Pt> values = new ArrayList<>();
                    chosen.forEach(p -> values.add(new Pt(p.time(), seriesById.get(p.series()).tags().getOrDefault(tag, ""), p.series())));
                    tags.add(values);
                }
                perColumn.set(c, tags);
            }
        }
        boolean transformed = columns.stream().anyMatch(c -> containsTransform(c.expr()));
        List<Boolean> integerColumns = new ArrayList<>();
        for (List<List<Pt>> column : perColumn) {
            integerColumns.add(column.stream().filter(l -> !l.isEmpty()).findFirst().map(l -> l.get(0).value() instanceof Long)
                    .orElse(false));
        }
        List<List<Object>> rows = new ArrayList<>();
        List<Object> previous = null;
        for (int window = 0; window < windows.size(); window++) {
            final int w = window;
            long windowTime = windows.get(w)[0];
            int maxRows = 1;
            for (List<List<Pt>> column : perColumn) {
                maxRows = Math.max(maxRows, column.get(w).size());
            }
            boolean multi = maxRows > 1 || perColumn.stream().anyMatch(c -> c.get(w).size() == 1
                    && c.get(w).get(0).time() != Reducers.WINDOW && isMultiRow(columns));
            boolean allEmpty = perColumn.stream().allMatch(c -> c.get(w).isEmpty());
            if (allEmpty && (interval == 0 || select.fill().mode() == FillMode.NONE || transformed)) {
                continue;
            }
            for (int r = 0; r < maxRows; r++) {
                List<Object> row = new ArrayList<>(columns.size() + 1);
                long time = windowTime;
                for (int c = 0; c < perColumn.size(); c++) {
                    List<Pt> values = perColumn.get(c).get(w);
                    if (r < values.size()) {
                        Pt p = values.get(r);
                        if ((selectorTime || multi) && p.time() != Reducers.WINDOW) {
                            time = p.time();
                        }
                        row.add(p.value());
                    } else {
                        row.add(interval == 0 ? null : fillValue(select, columns.get(c), previous, c, integerColumns.get(c)));
                    }
                }
                row.add(0, time);
                rows.add(row);
                previous = row;
            }
        }
        if (select.fill().mode() == FillMode.LINEAR && interval > 0) {
            linear(rows, perColumn, windows);
        }
        return rows;
    }

    private static boolean isMultiRow(List<Column> columns) {
        return columns.stream().anyMatch(c -> Expr.unparen(c.expr()) instanceof Expr.Call call
                && (call.name().equals("top") || call.name().equals("bottom") || call.name().equals("distinct")));
    }

    private static Object fillValue(Select select, Column column, List<Object> previous, int index, boolean integer) {
        boolean count = Expr.unparen(column.expr()) instanceof Expr.Call call && call.name().equals("count");
        return switch (select.fill().mode()) {
            case NULL -> count ? (Object) 0L : null;
            case LINEAR, NONE -> null;
            case NUMBER -> integer || count ? (Object) ((Number) select.fill().value()).longValue() : (Object) ((Number) select.fill()
                    .value()).doubleValue();
            case PREVIOUS -> previous == null ? null : previous.get(index + 1);
        };
    }

    /** fill(linear): an empty window between two filled ones gets the straight line between them. */
    private static void linear(List<List<Object>> rows, List<List<List<Pt>>> perColumn, List<long[]> windows) {
        for (int c = 0; c < perColumn.size(); c++) {
            List<List<Pt>> column = perColumn.get(c);
            for (int w = 0; w < windows.size() && w < rows.size(); w++) {
                if (!column.get(w).isEmpty()) {
                    continue;
                }
                int before = w - 1;
                while (before >= 0 && column.get(before).isEmpty()) {
                    before--;
                }
                int after = w + 1;
                while (after < windows.size() && column.get(after).isEmpty()) {
                    after++;
                }
                if (before < 0 || after >= windows.size()) {
                    continue;
                }
                Object lo = column.get(before).get(0).value();
                Object hi = column.get(after).get(0).value();
                if (!Values.isNumber(lo) || !Values.isNumber(hi)) {
                    continue;
                }
                Object value;
                if (lo instanceof Long a && hi instanceof Long b) {
                    value = a + (b - a) * (w - before) / (after - before);
                } else {
                    double a = Values.asDouble(lo);
                    double b = Values.asDouble(hi);
                    value = a + (b - a) * (w - before) / (double) (after - before);
                }
                rows.get(w).set(c + 1, value);
            }
        }
    }

    private static int windowIndex(List<long[]> windows, long time) {
        int lo = 0;
        int hi = windows.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long[] w = windows.get(mid);
            if (time < w[0]) {
                hi = mid - 1;
            } else if (time > w[1]) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static boolean isTopWithTags(Expr.Call call) {
        return (call.name().equals("top") || call.name().equals("bottom")) && call.args().size() > 2;
    }

    /** For top/bottom with tags: the best point of each distinct combination of those tags' values. */
    private List<Pt> bestPerTags(Expr.Call call, List<Pt> points) {
        boolean top = call.name().equals("top");
        Map<List<String>, Pt> best = new LinkedHashMap<>();
        for (Pt p : points) {
            List<String> key = new ArrayList<>();
            for (Expr tag : call.args().subList(1, call.args().size() - 1)) {
                key.add(seriesById.get(p.series()).tags().getOrDefault(((Expr.VarRef) tag).name(), ""));
            }
            Pt current = best.get(key);
            int c = current == null ? 0 : Values.compareForSort(p.value(), current.value());
            if (current == null || (top ? c > 0 : c < 0) || (c == 0 && p.time() < current.time())) {
                best.put(key, p);
            }
        }
        return new ArrayList<>(best.values());
    }

    private static boolean isPureSelector(Expr expr) {
        Expr plain = Expr.unparen(expr);
        return plain instanceof Expr.Call call && Reducers.SELECTORS.contains(call.name());
    }

    /** A column's values per window: empty when the window has nothing for it. */
    private List<List<Pt>> evaluateColumn(Expr expr, List<Merged> merged, List<Merged> bySeries, List<long[]> windows,
            TimeRange range) {
        Expr plain = Expr.unparen(expr);
        List<List<Pt>> out = new ArrayList<>();
        if (plain instanceof Expr.Call call && Reducers.isReducer(call.name())) {
            if (call.args().isEmpty()) {
                throw new QueryError("invalid number of arguments for " + call.name() + ", expected at least 1, got 0");
            }
            Expr arg = Expr.unparen(call.args().get(0));
            boolean timeOrdered = Set.of("first", "last").contains(call.name());
            List<Pt> points = new ArrayList<>();
            for (Merged row : timeOrdered ? merged : bySeries) {
                Object value = arg instanceof Expr.Call ? null : evalRow(arg, row.values(), row.series());
                if (value != null) {
                    int id = System.identityHashCode(row.series());
                    seriesById.putIfAbsent(id, row.series());
                    points.add(new Pt(row.time(), value, id));
                }
            }
            if (arg instanceof Expr.Call inner && Reducers.TRANSFORMS.contains(inner.name())) {
                points = rawSequence(inner, merged);
            }
            List<List<Pt>> perWindow = new ArrayList<>();
            windows.forEach(w -> perWindow.add(new ArrayList<>()));
            for (Pt p : points) {
                int w = windowIndex(windows, p.time());
                if (w >= 0) {
                    perWindow.get(w).add(p);
                }
            }
            for (List<Pt> inWindow : perWindow) {
                out.add(Reducers.reduce(call.name(), isTopWithTags(call) ? bestPerTags(call, inWindow) : inWindow, call.args()));
            }
            return out;
        }
        if (plain instanceof Expr.Call call && Reducers.TRANSFORMS.contains(call.name())) {
            List<List<Pt>> inner = evaluateColumn(call.args().get(0), merged, bySeries, windows, range);
            List<Pt> sequence = new ArrayList<>();
            for (int w = 0; w < windows.size(); w++) {
                if (!inner.get(w).isEmpty()) {
                    sequence.add(new Pt(windows.get(w)[0], inner.get(w).get(0).value()));
                }
            }
            long unit = call.name().contains("derivative") && windows.size() > 1 ? windows.get(1)[0] - windows.get(0)[0]
                    : call.name().contains("derivative") ? 1_000_000_000L : 1L;
            List<Pt> result = Transforms.apply(call.name(), sequence, call.args(), unit);
            Map<Long, Pt> byTime = new LinkedHashMap<>();
            result.forEach(p -> byTime.put(p.time(), new Pt(Reducers.WINDOW, p.value())));
            for (long[] window : windows) {
                Pt p = byTime.get(window[0]);
                out.add(p == null ? List.of() : List.of(p));
            }
            return out;
        }
        if (plain instanceof Expr.Binary binary) {
            List<List<Pt>> lhs = evaluateColumn(binary.lhs(), merged, bySeries, windows, range);
            List<List<Pt>> rhs = evaluateColumn(binary.rhs(), merged, bySeries, windows, range);
            for (int w = 0; w < windows.size(); w++) {
                if (lhs.get(w).isEmpty() || rhs.get(w).isEmpty()) {
                    out.add(List.of());
                    continue;
                }
                out.add(List.of(new Pt(Reducers.WINDOW, Values.arithmetic(binary.op(), lhs.get(w).get(0).value(),
                        rhs.get(w).get(0).value()))));
            }
            return out;
        }
        if (!(plain instanceof Expr.IntegerLit || plain instanceof Expr.NumberLit)) {
            throw new QueryError("mixing aggregate and non-aggregate queries is not supported");
        }
        Object constant = literal(plain);
        for (int w = 0; w < windows.size(); w++) {
            out.add(List.of(new Pt(Reducers.WINDOW, constant)));
        }
        return out;
    }
}
