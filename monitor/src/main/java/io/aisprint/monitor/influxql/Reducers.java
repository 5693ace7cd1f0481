package io.aisprint.monitor.influxql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The aggregates and selectors over one window's points (in time order). Aggregates answer one
 * value stamped with the window; selectors answer chosen points with their own times; top and
 * bottom answer up to N points. Types as influxd: count is integer, mean/median/stddev float,
 * sum/spread/min/max/first/last/mode keep the field's type.
 */
final class Reducers {
    /** A value at a time; {@code time} is {@link #WINDOW} for aggregates (stamped later). */
    record Pt(long time, Object value, int series) {
        Pt(long time, Object value) {
            this(time, value, -1);
        }
    }

    static final long WINDOW = Long.MIN_VALUE;

    static final Set<String> AGGREGATES = Set.of("count", "sum", "mean", "median", "mode", "spread", "stddev", "distinct",
            "integral");
    static final Set<String> SELECTORS = Set.of("min", "max", "first", "last", "percentile", "top", "bottom", "sample");
    static final Set<String> TRANSFORMS = Set.of("derivative", "non_negative_derivative", "difference", "non_negative_difference",
            "moving_average", "cumulative_sum", "elapsed");

    private Reducers() {
    }

    static boolean isReducer(String name) {
        return AGGREGATES.contains(name) || SELECTORS.contains(name);
    }

    static List<Pt> reduce(String name, List<Pt> points, List<Expr> args) {
        if (points.isEmpty()) {
            return List.of();
        }
        return switch (name) {
            case "count" -> one(WINDOW, (long) points.size());
            case "sum" -> one(WINDOW, sum(points));
            case "mean" -> one(WINDOW, mean(points));
            case "median" -> one(WINDOW, median(points));
            case "mode" -> one(WINDOW, mode(points));
            case "spread" -> one(WINDOW, spread(points));
            case "stddev" -> one(WINDOW, stddev(points));
            case "distinct" -> distinct(points);
            case "min" -> List.of(extreme(points, false));
            case "max" -> List.of(extreme(points, true));
            case "first" -> List.of(points.get(0));
            case "last" -> List.of(points.get(points.size() - 1));
            case "percentile" -> percentile(points, number(args.get(1)));
            case "top", "bottom" -> topBottom(points, (int) number(args.get(args.size() - 1)), name.equals("top"));
            default -> throw new QueryError("unsupported call: " + name);
        };
    }

    static double number(Expr expr) {
        Expr plain = Expr.unparen(expr);
        if (plain instanceof Expr.IntegerLit i) {
            return i.value();
        }
        if (plain instanceof Expr.NumberLit n) {
            return n.value();
        }
        throw new QueryError("expected number argument");
    }

    private static List<Pt> one(long time, Object value) {
        List<Pt> out = new ArrayList<>(1);
        out.add(new Pt(time, value));
        return out;
    }

    private static void requireNumbers(List<Pt> points, String name) {
        Object first = points.get(0).value();
        if (!Values.isNumber(first)) {
            throw new QueryError("unsupported " + name + " iterator type: " + typeName(first));
        }
    }

    static String typeName(Object value) {
        if (value instanceof String) {
            return "*query.stringInterruptIterator";
        }
        return "*query.booleanInterruptIterator";
    }

    /**
     * influxd reduces each series on its own (in the storage layer) and then combines the
     * partial results in series order; floating-point sums are added up the same way here so
     * that the last digits agree.
     */
    private static List<List<Pt>> bySeries(List<Pt> points) {
        List<List<Pt>> out = new ArrayList<>();
        int current = Integer.MIN_VALUE;
        for (Pt p : points) {
            if (out.isEmpty() || p.series() != current) {
                out.add(new ArrayList<>());
                current = p.series();
            }
            out.get(out.size() - 1).add(p);
        }
        return out;
    }

    private static double floatSum(List<Pt> points) {
        double total = 0;
        for (Pt p : points) {
            total += Values.asDouble(p.value());
        }
        return total;
    }

    private static Object sum(List<Pt> points) {
        requireNumbers(points, "sum");
        if (points.get(0).value() instanceof Long) {
            long total = 0;
            for (Pt p : points) {
                total += (Long) p.value();
            }
            return total;
        }
        double total = 0;
        for (List<Pt> series : bySeries(points)) {
            total += floatSum(series);
        }
        return total;
    }

    private static Object mean(List<Pt> points) {
        requireNumbers(points, "mean");
        double total = 0;
        long count = 0;
        for (List<Pt> series : bySeries(points)) {
            double partial = floatSum(series) / series.size();
            total += partial * series.size();
            count += series.size();
        }
        return total / count;
    }

    private static Object median(List<Pt> points) {
        requireNumbers(points, "median");
        List<Double> values = new ArrayList<>();
        points.forEach(p -> values.add(Values.asDouble(p.value())));
        values.sort(Comparator.naturalOrder());
        int n = values.size();
        if (n % 2 == 1) {
            return values.get(n / 2);
        }
        double lo = values.get(n / 2 - 1);
        double hi = values.get(n / 2);
        return lo + (hi - lo) / 2;
    }

    /**
     * influxd's mode: values sorted (then by time); a run replaces the best one when it is longer,
     * or as long and it started no later than the best run ended. Its first point is not counted
     * as an increment, exactly as influxd's loop does, so single values only win at the start.
     */
    private static Object mode(List<Pt> points) {
        List<Pt> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> {
            int c = Values.compareForSort(a.value(), b.value());
            return c != 0 ? c : Long.compare(a.time(), b.time());
        });
        int mostFreq = 0;
        int currFreq = 0;
        Object currMode = sorted.get(0).value();
        Object mostMode = currMode;
        long mostTime = sorted.get(0).time();
        long currTime = mostTime;
        for (Pt p : sorted) {
            if (Values.compareForSort(p.value(), currMode) != 0) {
                currFreq = 1;
                currMode = p.value();
                currTime = p.time();
                continue;
            }
            currFreq++;
            if (mostFreq > currFreq || (mostFreq == currFreq && currTime > mostTime)) {
                continue;
            }
            mostFreq = currFreq;
            mostMode = p.value();
            mostTime = p.time();
        }
        return mostMode;
    }

    private static Object spread(List<Pt> points) {
        requireNumbers(points, "spread");
        if (points.get(0).value() instanceof Long) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Pt p : points) {
                min = Math.min(min, (Long) p.value());
                max = Math.max(max, (Long) p.value());
            }
            return max - min;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Pt p : points) {
            min = Math.min(min, Values.asDouble(p.value()));
            max = Math.max(max, Values.asDouble(p.value()));
        }
        return max - min;
    }

    private static Object stddev(List<Pt> points) {
        requireNumbers(points, "stddev");
        int n = points.size();
        if (n < 2) {
            return null;
        }
        double mean = 0;
        for (Pt p : points) {
            mean += Values.asDouble(p.value());
        }
        mean /= n;
        double variance = 0;
        for (Pt p : points) {
            double d = Values.asDouble(p.value()) - mean;
            variance += d * d;
        }
        return Math.sqrt(variance / (n - 1));
    }

    private static List<Pt> distinct(List<Pt> points) {
        List<Object> seen = new ArrayList<>();
        for (Pt p : points) {
            if (seen.stream().noneMatch(v -> Values.compareForSort(v, p.value()) == 0)) {
                seen.add(p.value());
            }
        }
        List<Pt> out = new ArrayList<>();
        seen.forEach(v -> out.add(new Pt(WINDOW, v)));
        return out;
    }

    private static Pt extreme(List<Pt> points, boolean max) {
        requireNumbers(points, max ? "max" : "min");
        Pt best = points.get(0);
        for (Pt p : points) {
            int c = Values.compareForSort(p.value(), best.value());
            if ((max ? c > 0 : c < 0) || (c == 0 && p.time() < best.time())) { // ties: the earliest point
                best = p;
            }
        }
        return best;
    }

    private static List<Pt> percentile(List<Pt> points, double percentile) {
        requireNumbers(points, "percentile");
        List<Pt> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> Values.compareForSort(a.value(), b.value()));
        int index = (int) Math.floor(sorted.size() * percentile / 100.0 + 0.5) - 1;
        if (index < 0 || index >= sorted.size()) {
            return List.of();
        }
        return List.of(sorted.get(index));
    }

    private static List<Pt> topBottom(List<Pt> points, int n, boolean top) {
        requireNumbers(points, top ? "top" : "bottom");
        List<Pt> sorted = new ArrayList<>(points);
        Comparator<Pt> byValue = (a, b) -> Values.compareForSort(a.value(), b.value());
        sorted.sort((top ? byValue.reversed() : byValue).thenComparingLong(Pt::time));
        List<Pt> chosen = new ArrayList<>(sorted.subList(0, Math.min(n, sorted.size())));
        chosen.sort(Comparator.comparingLong(Pt::time));
        return chosen;
    }
}
