package io.aisprint.perf.aml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An aMLLibrary campaign file read unchanged: INI sections ({@code configparser}, key case kept,
 * {@code #}/{@code ;} comments, indented continuation lines) whose values are Python literals.
 * Unknown sections or keys are errors naming the section and key, so a typo never silently
 * changes a campaign.
 */
public final class AmlConfig {
    static final Set<String> GENERAL_KEYS = Set.of("run_num", "techniques", "hp_selection", "validation", "folds",
            "hold_out_ratio", "y", "seed", "hyperparameter_tuning", "hyperopt_max_evals", "hyperopt_save_interval",
            "extrapolation_columns", "interpolation_columns", "normalization", "keras_backend", "keras_use_cpu",
            "save_training_regressors", "j", "output", "debug", "details", "configuration_file", "generate_plots");
    static final Set<String> PREPARATION_KEYS = Set.of("input_path", "rename_columns", "skip_rows", "use_columns",
            "skip_columns", "categorical_columns", "inverse", "log", "product_max_degree", "product_interactions_only",
            "selected_products", "ernest", "normalization");
    static final Set<String> SELECTION_KEYS = Set.of("method", "max_features", "min_features", "folds",
            "XGBoost_tolerance");

    private final Path file;
    private final Map<String, Map<String, Object>> sections;
    private final Map<String, Map<String, String>> rawValues;

    private AmlConfig(Path file, Map<String, Map<String, Object>> sections, Map<String, Map<String, String>> raw) {
        this.file = file;
        this.sections = sections;
        this.rawValues = raw;
    }

    public static AmlConfig read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new AmlException("cannot read campaign file " + file + ": " + e.getMessage());
        }
        Map<String, Map<String, String>> raw = new LinkedHashMap<>();
        String section = null;
        String lastKey = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (stripped.startsWith("[") && stripped.endsWith("]")) {
                section = stripped.substring(1, stripped.length() - 1).strip();
                raw.putIfAbsent(section, new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && lastKey != null) {
                raw.get(section).merge(lastKey, stripped, (a, b) -> a + "\n" + b);
                continue;
            }
            int eq = firstDelimiter(line);
            if (section == null || eq < 0) {
                throw new AmlException(file + " line " + (i + 1) + ": expected '[Section]' or 'key = value', got '"
                        + stripped + "'");
            }
            lastKey = line.substring(0, eq).strip();
            raw.get(section).put(lastKey, line.substring(eq + 1).strip());
        }
        Map<String, Map<String, Object>> parsed = new LinkedHashMap<>();
        raw.forEach((name, values) -> {
            Map<String, Object> section2 = new LinkedHashMap<>();
            values.forEach((k, v) -> section2.put(k, PythonLiteral.parse(v)));
            parsed.put(name, section2);
        });
        AmlConfig config = new AmlConfig(file, parsed, raw);
        config.checkKeys();
        return config;
    }

    private static int firstDelimiter(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private void checkKeys() {
        if (!sections.containsKey("General")) {
            throw error("General", null, "the section is missing");
        }
        if (!sections.containsKey("DataPreparation")) {
            throw error("DataPreparation", null, "the section is missing");
        }
        for (String key : List.of("techniques", "hp_selection", "validation", "y")) {
            require("General", key);
        }
        require("DataPreparation", "input_path");
        List<String> techniques = stringList("General", "techniques");
        for (String t : techniques) {
            if (Technique.byName(t).isEmpty()) {
                throw error("General", "techniques", "unknown technique '" + t + "'; expected one of "
                        + Technique.names());
            }
        }
        for (var entry : sections.entrySet()) {
            String name = entry.getKey();
            Set<String> allowed = switch (name) {
                case "General" -> GENERAL_KEYS;
                case "DataPreparation" -> PREPARATION_KEYS;
                case "FeatureSelection" -> SELECTION_KEYS;
                default -> Technique.byName(name).map(Technique::keys).orElseThrow(() -> error(name, null,
                        "unknown section; expected General, DataPreparation, FeatureSelection or a technique of "
                                + Technique.names()));
            };
            for (String key : entry.getValue().keySet()) {
                if (!allowed.contains(key)) {
                    throw error(name, key, "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
                }
            }
        }
        checkChoice("hp_selection", List.of("All", "HoldOut", "KFold"));
        checkChoice("validation", List.of("All", "HoldOut", "KFold", "Extrapolation", "Interpolation"));
    }

    private void checkChoice(String key, List<String> choices) {
        String value = string("General", key);
        if (!choices.contains(value)) {
            throw error("General", key, "got '" + value + "'; expected one of " + choices);
        }
    }

    private void require(String section, String key) {
        if (!has(section, key)) {
            throw error(section, key, "the key is missing");
        }
    }

    public Path file() {
        return file;
    }

    public boolean has(String section, String key) {
        return sections.containsKey(section) && sections.get(section).containsKey(key);
    }

    public Optional<Map<String, Object>> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    public Object get(String section, String key) {
        require(section, key);
        return sections.get(section).get(key);
    }

    public String string(String section, String key) {
        return String.valueOf(get(section, key));
    }

    public String string(String section, String key, String fallback) {
        return has(section, key) ? string(section, key) : fallback;
    }

    public double number(String section, String key, double fallback) {
        if (!has(section, key)) {
            return fallback;
        }
        Object v = get(section, key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw error(section, key, "got '" + v + "'; expected a number");
    }

    public boolean flag(String section, String key) {
        if (!has(section, key)) {
            return false;
        }
        Object v = get(section, key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        throw error(section, key, "got '" + v + "'; expected True or False");
    }

    /** A list of strings; a bare string counts as a one-element list. */
    public List<String> stringList(String section, String key) {
        Object v = get(section, key);
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        return List.of(String.valueOf(v));
    }

    /** A dict of column name to number (skip_rows, extrapolation_columns). */
    public Map<String, Double> numberDict(String section, String key) {
        Object v = get(section, key);
        if (!(v instanceof Map<?, ?> map)) {
            throw error(section, key, "got '" + v + "'; expected a dict like {'x2': 5}");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : map.entrySet()) {
            if (!(e.getValue() instanceof Number n)) {
                throw error(section, key, "value of '" + e.getKey() + "' is '" + e.getValue() + "'; expected a number");
            }
            out.put(String.valueOf(e.getKey()), n.doubleValue());
        }
        return out;
    }

    public Map<String, String> stringDict(String section, String key) {
        Object v = get(section, key);
        if (!(v instanceof Map<?, ?> map)) {
            throw error(section, key, "got '" + v + "'; expected a dict like {'old': 'new'}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
        return out;
    }

    /** The original text of every value, section by section, for the enriched copy of the config. */
    public Map<String, Map<String, String>> rawValues() {
        return rawValues;
    }

    public AmlException error(String section, String key, String what) {
        return new AmlException(file + ": [" + section + "]" + (key == null ? "" : " " + key) + ": " + what);
    }
}
