package io.aisprint.monitor.influxql;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Arithmetic and comparisons on InfluxQL values: {@code Double} (float), {@code Long} (integer),
 * {@code String}, {@code Boolean}, and null. As influxd: integer op integer stays integer except
 * division, which is float; anything with null is null; a comparison with null is false.
 */
final class Values {
    private Values() {
    }

    static boolean isNumber(Object value) {
        return value instanceof Double || value instanceof Long;
    }

    static double asDouble(Object value) {
        return ((Number) value).doubleValue();
    }

    static Object arithmetic(String op, Object lhs, Object rhs) {
        if (lhs == null || rhs == null) {
            return null;
        }
        if (lhs instanceof Long a && rhs instanceof Long b) {
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> b == 0 ? 0.0 : (double) a / b;
                case "%" -> b == 0 ? 0L : a % b;
                case "&" -> a & b;
                case "|" -> a | b;
                case "^" -> a ^ b;
                default -> null;
            };
        }
        if (lhs instanceof Boolean a && rhs instanceof Boolean b) {
            return switch (op) {
                case "&" -> a & b;
                case "|" -> a | b;
                case "^" -> a ^ b;
                default -> null;
            };
        }
        if (isNumber(lhs) && isNumber(rhs)) {
            double a = asDouble(lhs);
            double b = asDouble(rhs);
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> b == 0 ? 0.0 : a / b;
                case "%" -> a % b;
                default -> null;
            };
        }
        if (lhs instanceof String a && rhs instanceof String b && op.equals("+")) {
            return a + b;
        }
        return null;
    }

    /** A comparison as a WHERE clause sees it; false when either side is missing or the types differ. */
    static boolean compare(String op, Object lhs, Object rhs) {
        if (rhs instanceof Pattern pattern) {
            if (!(lhs instanceof String text)) {
                return op.equals("!~") && lhs == null ? false : false;
            }
            boolean found = pattern.matcher(text).find();
            return op.equals("=~") ? found : !found;
        }
        if (lhs == null || rhs == null) {
            return false;
        }
        if (isNumber(lhs) && isNumber(rhs)) {
            int c = lhs instanceof Long a && rhs instanceof Long b ? Long.compare(a, b) : Double.compare(asDouble(lhs), asDouble(rhs));
            return test(op, c);
        }
        if (lhs instanceof String a && rhs instanceof String b) {
            return test(op, a.compareTo(b));
        }
        if (lhs instanceof Boolean a && rhs instanceof Boolean b) {
            return switch (op) {
                case "=" -> a.equals(b);
                case "!=" -> !a.equals(b);
                default -> false;
            };
        }
        return false;
    }

    private static boolean test(String op, int c) {
        return switch (op) {
            case "=" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> false;
        };
    }

    static boolean isComparison(String op) {
        return switch (op) {
            case "=", "!=", "<", "<=", ">", ">=", "=~", "!~" -> true;
            default -> false;
        };
    }

    static int compareForSort(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return a instanceof Long x && b instanceof Long y ? Long.compare(x, y) : Double.compare(asDouble(a), asDouble(b));
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return Objects.equals(a, b) ? 0 : String.valueOf(a).compareTo(String.valueOf(b));
    }
}
