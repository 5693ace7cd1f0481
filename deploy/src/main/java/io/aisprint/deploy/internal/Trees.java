package io.aisprint.deploy.internal;

import io.aisprint.deploy.DeployException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to YAML trees that names the file and the field when a value is missing or has the
 * wrong type, and deep copies for templates that are filled in once per component.
 */
public final class Trees {
    private Trees() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value, String file, String field) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw invalid(file, field, "expected a mapping, found " + describe(value));
    }

    public static Map<String, Object> requireMap(Map<String, Object> parent, String key, String file, String field) {
        return map(require(parent, key, file, field), file, child(field, key));
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value, String file, String field) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw invalid(file, field, "expected a list, found " + describe(value));
    }

    public static Object require(Map<String, Object> parent, String key, String file, String field) {
        Object value = parent.get(key);
        if (value == null) {
            throw invalid(file, child(field, key), "is missing (expected a value)");
        }
        return value;
    }

    public static String requireString(Map<String, Object> parent, String key, String file, String field) {
        Object value = require(parent, key, file, field);
        if (value instanceof Map || value instanceof List) {
            throw invalid(file, child(field, key), "expected a string, found " + describe(value));
        }
        return String.valueOf(value).trim();
    }

    public static int requireInteger(Map<String, Object> parent, String key, String file, String field) {
        Object value = require(parent, key, file, field);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).intValue();
        }
        throw invalid(file, child(field, key), "expected a whole number, found " + describe(value));
    }

    public static String child(String field, String key) {
        return field == null || field.isEmpty() ? key : field + "." + key;
    }

    /** Python truthiness: null, false, 0, "" and empty collections are false. */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        return true;
    }

    /** A deep copy with insertion-ordered maps, so a template can be filled in without touching the original. */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), copy(value)));
            return (T) copy;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copy(item)));
            return (T) copy;
        }
        return tree;
    }

    /** The map under {@code key}, created when absent (for building trees). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> at(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    /** A small map literal that keeps the order given: {@code of("a", 1, "b", 2)}. */
    public static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A mutable list literal. */
    public static List<Object> listOf(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    private static DeployException invalid(String file, String field, String message) {
        return new DeployException(DeployException.Code.INVALID_FIELD, file, field, message);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
