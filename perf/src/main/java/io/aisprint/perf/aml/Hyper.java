package io.aisprint.perf.aml;

import java.util.Map;

/** Typed reads of one hyper-parameter configuration (a point of the grid or a Hyperopt draw). */
final class Hyper {
    private Hyper() {
    }

    static double number(Map<String, Object> hyper, String key, double fallback) {
        Object v = hyper.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new AmlException("hyper-parameter " + key + " = '" + v + "'; expected a number");
    }

    static int integer(Map<String, Object> hyper, String key, int fallback) {
        return (int) Math.round(number(hyper, key, fallback));
    }

    static boolean flag(Map<String, Object> hyper, String key, boolean fallback) {
        Object v = hyper.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new AmlException("hyper-parameter " + key + " = '" + v + "'; expected True or False");
    }

    static String text(Map<String, Object> hyper, String key, String fallback) {
        Object v = hyper.get(key);
        return v == null ? fallback : String.valueOf(v);
    }
}
