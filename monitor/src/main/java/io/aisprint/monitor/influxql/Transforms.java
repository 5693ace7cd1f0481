package io.aisprint.monitor.influxql;

import io.aisprint.monitor.influxql.Reducers.Pt;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions that turn a sequence into another (derivative, difference, moving_average,
 * cumulative_sum, elapsed), over raw points or over GROUP BY time windows. Null values are
 * skipped, as influxd does.
 */
final class Transforms {
    private Transforms() {
    }

    static List<Pt> apply(String name, List<Pt> input, List<Expr> args, long defaultUnit) {
        List<Pt> points = new ArrayList<>();
        for (Pt p : input) {
            if (p.value() != null) {
                points.add(p);
            }
        }
        if (!points.isEmpty() && !Values.isNumber(points.get(0).value()) && !name.equals("elapsed")) {
            throw new QueryError("unsupported " + name + " iterator type: " + Reducers.typeName(points.get(0).value()));
        }
        return switch (name) {
            case "derivative", "non_negative_derivative" -> derivative(points, unit(args, defaultUnit), name.startsWith("non"));
            case "difference", "non_negative_difference" -> difference(points, name.startsWith("non"));
            case "moving_average" -> movingAverage(points, (int) Reducers.number(args.get(1)));
            case "cumulative_sum" -> cumulativeSum(points);
            case "elapsed" -> elapsed(points, unit(args, 1L));
            default -> throw new QueryError("unsupported call: " + name);
        };
    }

    private static long unit(List<Expr> args, long defaultUnit) {
        if (args.size() > 1 && Expr.unparen(args.get(1)) instanceof Expr.DurationLit d) {
            return d.nanos();
        }
        return defaultUnit;
    }

    private static List<Pt> derivative(List<Pt> points, long unit, boolean nonNegative) {
        List<Pt> out = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            Pt prev = points.get(i - 1);
            Pt cur = points.get(i);
            if (cur.time() == prev.time()) {
                continue;
            }
            double diff = Values.asDouble(cur.value()) - Values.asDouble(prev.value());
            double value = diff / ((double) (cur.time() - prev.time()) / unit);
            if (nonNegative && value < 0) {
                continue;
            }
            out.add(new Pt(cur.time(), value));
        }
        return out;
    }

    private static List<Pt> difference(List<Pt> points, boolean nonNegative) {
        List<Pt> out = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            Pt prev = points.get(i - 1);
            Pt cur = points.get(i);
            if (cur.time() == prev.time()) {
                continue;
            }
            Object value = Values.arithmetic("-", cur.value(), prev.value());
            if (nonNegative && Values.asDouble(value) < 0) {
                continue;
            }
            out.add(new Pt(cur.time(), value));
        }
        return out;
    }

    private static List<Pt> movingAverage(List<Pt> points, int n) {
        List<Pt> out = new ArrayList<>();
        if (n < 1) {
            throw new QueryError("moving_average window must be greater than 1, got " + n);
        }
        double sum = 0;
        for (int i = 0; i < points.size(); i++) {
            if (i >= n) { // influxd drops the oldest value first, then adds the new one
                sum = sum - Values.asDouble(points.get(i - n).value()) + Values.asDouble(points.get(i).value());
            } else {
                sum += Values.asDouble(points.get(i).value());
            }
            if (i >= n - 1) {
                out.add(new Pt(points.get(i).time(), sum / n));
            }
        }
        return out;
    }

    private static List<Pt> cumulativeSum(List<Pt> points) {
        List<Pt> out = new ArrayList<>();
        Object total = null;
        for (Pt p : points) {
            total = total == null ? p.value() : Values.arithmetic("+", total, p.value());
            out.add(new Pt(p.time(), total));
        }
        return out;
    }

    private static List<Pt> elapsed(List<Pt> points, long unit) {
        List<Pt> out = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            out.add(new Pt(points.get(i).time(), (points.get(i).time() - points.get(i - 1).time()) / unit));
        }
        return out;
    }
}
