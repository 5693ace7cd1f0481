package io.aisprint.monitor.influxql;

import java.util.Map;
import java.util.Set;

/**
 * Decides a WHERE clause from a series' tags alone, before its values are read: TRUE or FALSE
 * when only tags decide it, null when fields matter. A series for which it is FALSE can never
 * match, so the executor skips reading it (Grafana's {@code "host" =~ /^a$/} reads one series).
 */
final class TagFilter {
    private TagFilter() {
    }

    static Boolean decide(Expr expr, Map<String, String> tags, Set<String> fields) {
        Expr plain = Expr.unparen(expr);
        if (plain instanceof Expr.Binary binary) {
            if (binary.op().equals("AND") || binary.op().equals("OR")) {
                Boolean lhs = decide(binary.lhs(), tags, fields);
                Boolean rhs = decide(binary.rhs(), tags, fields);
                boolean and = binary.op().equals("AND");
                if (Boolean.valueOf(!and).equals(lhs) || Boolean.valueOf(!and).equals(rhs)) {
                    return !and; // AND with a false side, OR with a true side
                }
                return lhs != null && rhs != null ? and : null;
            }
            if (Values.isComparison(binary.op()) && onlyTags(binary, fields)) {
                Object value = SelectExecutor.evalRow(plain, Map.of(), new SeriesRows("", new java.util.TreeMap<>(tags), Set.of(),
                        new java.util.TreeMap<>()));
                return Boolean.TRUE.equals(value);
            }
        }
        return null;
    }

    private static boolean onlyTags(Expr expr, Set<String> fields) {
        Expr plain = Expr.unparen(expr);
        if (plain instanceof Expr.VarRef ref) {
            return "tag".equals(ref.type()) || (!"field".equals(ref.type()) && !fields.contains(ref.name()));
        }
        if (plain instanceof Expr.Binary binary) {
            return onlyTags(binary.lhs(), fields) && onlyTags(binary.rhs(), fields);
        }
        return !(plain instanceof Expr.Call);
    }
}
