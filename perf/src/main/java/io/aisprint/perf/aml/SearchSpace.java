package io.aisprint.perf.aml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hyper-parameters of one technique section: each key is a list of choices (the grid), or, with
 * {@code hyperparameter_tuning = Hyperopt}, a quoted prior such as {@code 'loguniform(0.01,1)'}
 * (a and b are the real bounds, as aMLLibrary writes them), {@code 'uniform(a,b)'},
 * {@code 'quniform(a,b,q)'} or {@code 'qloguniform(a,b,q)'}. Keys the section omits take
 * aMLLibrary's defaults.
 */
final class SearchSpace {
    private static final Pattern PRIOR = Pattern.compile("\\s*(q?log)?(q?uniform|loguniform)\\s*\\(([^)]*)\\)\\s*");

    /** A continuous prior; {@code log} means uniform in ln space; q &gt; 0 rounds to multiples of q. */
    record Prior(double low, double high, boolean log, double q) {
        double toSpace(double v) {
            return log ? Math.log(v) : v;
        }

        double fromSpace(double s) {
            double v = log ? Math.exp(s) : s;
            return q > 0 ? Math.round(v / q) * q : v;
        }

        double spaceLow() {
            return toSpace(low);
        }

        double spaceHigh() {
            return toSpace(high);
        }
    }

    final Technique technique;
    final Map<String, List<Object>> choices = new LinkedHashMap<>();
    final Map<String, Prior> priors = new LinkedHashMap<>();

    SearchSpace(Technique technique, AmlConfig config, boolean hyperopt) {
        this.technique = technique;
        Map<String, Object> section = config.section(technique.name()).orElse(Map.of());
        for (String key : technique.keys()) {
            Object v = section.containsKey(key) ? section.get(key) : List.of(technique.defaults().get(key));
            List<Object> list = v instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(java.util.Collections.singletonList(v));
            if (list.isEmpty()) {
                throw config.error(technique.name(), key, "empty list; expected at least one value");
            }
            if (list.size() == 1 && list.get(0) instanceof String s && PRIOR.matcher(s).matches()) {
                if (!hyperopt) {
                    throw config.error(technique.name(), key, "the prior '" + s
                            + "' needs [General] hyperparameter_tuning = Hyperopt; expected a list of values for a grid");
                }
                priors.put(key, prior(config, technique.name(), key, s));
            } else {
                for (Object o : list) {
                    if (o instanceof String s && PRIOR.matcher(s).matches()) {
                        throw config.error(technique.name(), key, "a prior must be the only element of its list");
                    }
                }
                choices.put(key, list);
            }
        }
        // Keys are fixed in sorted order so grids and signatures are reproducible.
        sortKeys(choices);
    }

    private static <V> void sortKeys(Map<String, V> map) {
        var sorted = new java.util.TreeMap<>(map);
        map.clear();
        map.putAll(sorted);
    }

    private static Prior prior(AmlConfig config, String section, String key, String text) {
        Matcher m = PRIOR.matcher(text);
        m.matches();
        String name = (m.group(1) == null ? "" : m.group(1)) + m.group(2);
        String[] args = m.group(3).split(",");
        try {
            double a = Double.parseDouble(args[0].strip());
            double b = Double.parseDouble(args[1].strip());
            double q = args.length > 2 ? Double.parseDouble(args[2].strip()) : 0;
            boolean log = name.contains("log");
            boolean quantized = name.startsWith("q");
            if (!(a < b) || (log && a <= 0) || (quantized && q <= 0) || (!quantized && args.length != 2)) {
                throw new NumberFormatException();
            }
            return new Prior(a, b, log, quantized ? q : 0);
        } catch (RuntimeException e) {
            throw config.error(section, key, "bad prior '" + text + "'; expected loguniform(a,b) with 0 < a < b, "
                    + "uniform(a,b), quniform(a,b,q) or qloguniform(a,b,q)");
        }
    }

    boolean tuned() {
        return !priors.isEmpty();
    }

    /** The Cartesian product of the choice lists (priors excluded), in key order. */
    List<Map<String, Object>> grid() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (var e : choices.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : e.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
