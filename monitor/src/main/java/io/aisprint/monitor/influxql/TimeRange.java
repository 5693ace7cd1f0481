package io.aisprint.monitor.influxql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Pulls the time bounds out of a WHERE clause (conditions on {@code time} joined by AND at the
 * top level) and leaves the rest as the row filter. Time literals: RFC 3339 strings (also
 * {@code 'YYYY-MM-DD hh:mm:ss'}), integers as nanoseconds, durations as epoch offsets
 * ({@code 1714560000000ms}), and {@code now()} plus or minus durations.
 */
record TimeRange(long min, long max, Expr remaining) {
    /** influxd's smallest and largest representable times. */
    static final long MIN_TIME = Long.MIN_VALUE + 2;
    static final long MAX_TIME = Long.MAX_VALUE - 1;

    boolean hasMin() {
        return min != MIN_TIME;
    }

    boolean hasMax() {
        return max != MAX_TIME;
    }

    static TimeRange extract(Expr condition, long now, ZoneId zone) {
        long[] bounds = {MIN_TIME, MAX_TIME};
        Expr remaining = condition == null ? null : walk(condition, now, zone, bounds);
        return new TimeRange(bounds[0], bounds[1], remaining);
    }

    private static Expr walk(Expr expr, long now, ZoneId zone, long[] bounds) {
        Expr plain = Expr.unparen(expr);
        if (plain instanceof Expr.Binary binary) {
            if (binary.op().equals("AND")) {
                Expr lhs = walk(binary.lhs(), now, zone, bounds);
                Expr rhs = walk(binary.rhs(), now, zone, bounds);
                if (lhs == null) {
                    return rhs;
                }
                return rhs == null ? lhs : new Expr.Binary("AND", lhs, rhs);
            }
            if (Values.isComparison(binary.op()) && (isTime(binary.lhs()) || isTime(binary.rhs()))) {
                boolean timeLeft = isTime(binary.lhs());
                long value = timeValue(timeLeft ? binary.rhs() : binary.lhs(), now, zone);
                String op = timeLeft ? binary.op() : flip(binary.op());
                switch (op) {
                    case ">" -> bounds[0] = Math.max(bounds[0], value + 1);
                    case ">=" -> bounds[0] = Math.max(bounds[0], value);
                    case "<" -> bounds[1] = Math.min(bounds[1], value - 1);
                    case "<=" -> bounds[1] = Math.min(bounds[1], value);
                    case "=" -> {
                        bounds[0] = Math.max(bounds[0], value);
                        bounds[1] = Math.min(bounds[1], value);
                    }
                    default -> throw new QueryError("invalid time comparison operator: " + op);
                }
                return null;
            }
            if (binary.op().equals("OR") && (mentionsTime(binary.lhs()) || mentionsTime(binary.rhs()))) {
                throw new QueryError("invalid time condition: time conditions cannot be combined with OR");
            }
        }
        return expr;
    }

    private static boolean mentionsTime(Expr expr) {
        Expr plain = Expr.unparen(expr);
        if (isTime(plain)) {
            return true;
        }
        return plain instanceof Expr.Binary binary && (mentionsTime(binary.lhs()) || mentionsTime(binary.rhs()));
    }

    private static String flip(String op) {
        return switch (op) {
            case ">" -> "<";
            case ">=" -> "<=";
            case "<" -> ">";
            case "<=" -> ">=";
            default -> op;
        };
    }

    static boolean isTime(Expr expr) {
        return Expr.unparen(expr) instanceof Expr.VarRef ref && ref.name().equalsIgnoreCase("time");
    }

    /** Evaluates a time literal expression to nanoseconds since the epoch. */
    static long timeValue(Expr expr, long now, ZoneId zone) {
        Expr plain = Expr.unparen(expr);
        if (plain instanceof Expr.IntegerLit i) {
            return i.value();
        }
        if (plain instanceof Expr.NumberLit n) {
            return (long) n.value();
        }
        if (plain instanceof Expr.DurationLit d) {
            return d.nanos();
        }
        if (plain instanceof Expr.StringLit s) {
            return parseTime(s.value(), zone);
        }
        if (plain instanceof Expr.Call call && call.name().equals("now") && call.args().isEmpty()) {
            return now;
        }
        if (plain instanceof Expr.Binary binary && (binary.op().equals("+") || binary.op().equals("-"))) {
            long lhs = timeValue(binary.lhs(), now, zone);
            long rhs = timeValue(binary.rhs(), now, zone);
            return binary.op().equals("+") ? lhs + rhs : lhs - rhs;
        }
        throw new QueryError("invalid operation: time and " + describe(plain) + " are not compatible");
    }

    private static String describe(Expr expr) {
        return expr instanceof Expr.VarRef ? "*influxql.VarRef" : "*influxql.BinaryExpr";
    }

    static long parseTime(String text, ZoneId zone) {
        String trimmed = text.trim();
        try {
            Instant instant = OffsetDateTime.parse(trimmed).toInstant();
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        } catch (DateTimeParseException e) {
            // fall through to the other accepted forms
        }
        try {
            String iso = trimmed.contains("T") ? trimmed : trimmed.replace(' ', 'T');
            if (iso.length() == 10) {
                iso = iso + "T00:00:00";
            }
            Instant instant = java.time.LocalDateTime.parse(iso).atZone(zone == null ? ZoneId.of("UTC") : zone).toInstant();
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        } catch (DateTimeParseException e) {
            throw new QueryError("invalid operation: time and *influxql.StringLiteral are not compatible");
        }
    }
}
