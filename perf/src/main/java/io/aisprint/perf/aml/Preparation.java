package io.aisprint.perf.aml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * aMLLibrary's data preparation ({@code sequence_data_processing.py} order): load → rename →
 * skip_rows → use/skip columns → one-hot → extrapolation/interpolation split → inverse → log →
 * products → Ernest → NaN/inf check. Normalization is not here: it is fit per experiment on that
 * experiment's training rows ({@link Scaler}).
 */
final class Preparation {
    private Preparation() {
    }

    /** The prepared campaign data: features by name, target, and the fixed validation rows if any. */
    record Prepared(FeatureChain chain, double[][] x, double[] y, boolean[] fixedValidation, Path input, Frame loaded) {
        List<String> features() {
            return chain.features();
        }
    }

    static Path resolveInput(AmlConfig config) {
        String name = config.string("DataPreparation", "input_path");
        Path given = Path.of(name);
        List<Path> candidates = new ArrayList<>();
        candidates.add(given);
        if (!given.isAbsolute()) {
            Path dir = config.file().toAbsolutePath().getParent();
            for (Path d = dir; d != null; d = d.getParent()) {
                candidates.add(d.resolve(name));
            }
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw config.error("DataPreparation", "input_path", "file '" + name
                + "' not found (looked in the working directory and beside the campaign file and its parents)");
    }

    static Prepared prepare(AmlConfig config) {
        Path input = resolveInput(config);
        Frame frame = Frame.readCsv(input);
        String source = input.toString();
        String y = config.string("General", "y");
        Map<String, String> renames = config.has("DataPreparation", "rename_columns")
                ? config.stringDict("DataPreparation", "rename_columns") : Map.of();
        for (String old : renames.keySet()) {
            if (!frame.has(old)) {
                throw config.error("DataPreparation", "rename_columns", "column '" + old + "' is not in " + source);
            }
        }
        Map<String, Object> renamed = new LinkedHashMap<>();
        frame.columns().forEach((k, v) -> renamed.put(renames.getOrDefault(k, k), v));
        frame = new Frame(renamed, frame.rows());
        if (!frame.has(y)) {
            throw config.error("General", "y", "column '" + y + "' is not in " + source + " (columns: " + frame.names() + ")");
        }
        int[] rowNumber = new int[frame.rows()];
        for (int i = 0; i < rowNumber.length; i++) {
            rowNumber[i] = i + 1;
        }
        if (config.has("DataPreparation", "skip_rows")) {
            Map<String, Double> bounds = config.numberDict("DataPreparation", "skip_rows");
            boolean[] keep = new boolean[frame.rows()];
            java.util.Arrays.fill(keep, true);
            for (var b : bounds.entrySet()) {
                double[] col = numericColumn(config, frame, "skip_rows", b.getKey(), source);
                for (int i = 0; i < keep.length; i++) {
                    if (col[i] > b.getValue()) {
                        keep[i] = false;
                    }
                }
            }
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < keep.length; i++) {
                if (keep[i]) {
                    kept.add(rowNumber[i]);
                }
            }
            frame = frame.select(keep);
            rowNumber = kept.stream().mapToInt(Integer::intValue).toArray();
        }
        if (!frame.isNumeric(y)) {
            throw config.error("General", "y", "column '" + y + "' of " + source + " is not numeric");
        }
        List<String> x = new ArrayList<>(frame.names());
        x.remove(y);
        if (config.has("DataPreparation", "use_columns")) {
            x = new ArrayList<>(config.stringList("DataPreparation", "use_columns"));
            for (String c : x) {
                if (!frame.has(c)) {
                    throw config.error("DataPreparation", "use_columns", "column '" + c + "' is not in " + source);
                }
            }
        } else if (config.has("DataPreparation", "skip_columns")) {
            x.removeAll(config.stringList("DataPreparation", "skip_columns"));
        }
        // One-hot: every string column among the features, plus categorical_columns; no level dropped.
        Map<String, List<String>> oneHot = new LinkedHashMap<>();
        List<String> categorical = config.has("DataPreparation", "categorical_columns")
                ? config.stringList("DataPreparation", "categorical_columns") : List.of();
        List<String> expanded = new ArrayList<>();
        for (String c : x) {
            if (!frame.isNumeric(c) || categorical.contains(c)) {
                List<String> levels = new ArrayList<>(new TreeSet<>(List.of(frame.text(c))));
                oneHot.put(c, levels);
                levels.forEach(l -> expanded.add(c + "_class_" + l));
            } else {
                expanded.add(c);
            }
        }
        x = expanded;
        FeatureChain chain = new FeatureChain(renames.isEmpty() ? Map.of() : Map.of(), oneHot, List.of(), List.of(),
                List.of(), false, x, y);
        Map<String, double[]> cols = chain.derive(frame, source, rowNumber);
        boolean[] fixedValidation = validationSplit(config, cols, frame.rows());
        List<String> inverse = columnsOption(config, "inverse", x);
        for (String c : inverse) {
            requireNumeric(config, "inverse", c, cols, frame, source);
        }
        inverse.removeIf(c -> c.contains("_class_") && oneHot.containsKey(c.substring(0, c.indexOf("_class_"))));
        List<String> features = new ArrayList<>(x);
        inverse.forEach(c -> features.add("inverse_" + c));
        List<String> log = columnsOption(config, "log", features);
        for (String c : log) {
            requireNumeric(config, "log", c, cols, frame, source);
        }
        log.removeIf(c -> c.contains("_class_"));
        log.forEach(c -> features.add("log_" + c));
        List<List<String>> products = products(config, features, cols, frame, source);
        for (List<String> p : products) {
            features.add(String.join("__", p));
        }
        boolean ernest = config.flag("DataPreparation", "ernest");
        if (ernest) {
            checkErnest(config, frame);
        }
        List<String> finalFeatures = ernest ? FeatureChain.ERNEST_FEATURES : features;
        FeatureChain full = new FeatureChain(Map.copyOf(renames), oneHot, inverse, log, products, ernest,
                List.copyOf(finalFeatures), y);
        Map<String, double[]> all = full.derive(new Frame(frame.columns(), frame.rows()), source, rowNumber);
        double[][] matrix = new double[frame.rows()][finalFeatures.size()];
        for (int j = 0; j < finalFeatures.size(); j++) {
            double[] col = all.get(finalFeatures.get(j));
            for (int i = 0; i < matrix.length; i++) {
                if (!Double.isFinite(col[i])) {
                    throw new AmlException(source + " row " + rowNumber[i] + ", column '" + finalFeatures.get(j)
                            + "': value " + col[i] + " is not a finite number (NaN or infinite values are not allowed)");
                }
                matrix[i][j] = col[i];
            }
        }
        double[] target = frame.numeric(y).clone();
        for (int i = 0; i < target.length; i++) {
            if (!Double.isFinite(target[i])) {
                throw new AmlException(source + " row " + rowNumber[i] + ", column '" + y + "': value " + target[i]
                        + " is not a finite number (NaN or infinite values are not allowed)");
            }
        }
        return new Prepared(full, matrix, target, fixedValidation, input, frame);
    }

    private static void checkErnest(AmlConfig config, Frame frame) {
        for (String key : List.of("use_columns", "skip_columns", "inverse", "product_max_degree", "normalization")) {
            if (config.has("DataPreparation", key) && !Boolean.FALSE.equals(config.get("DataPreparation", key))
                    && !(config.get("DataPreparation", key) instanceof List<?> l && l.isEmpty())) {
                throw config.error("DataPreparation", key, "cannot be combined with ernest = True");
            }
        }
        for (String c : List.of("datasize", "cores")) {
            if (!frame.has(c)) {
                throw config.error("DataPreparation", "ernest", "needs a column '" + c
                        + "' (use rename_columns to name yours)");
            }
        }
    }

    private static List<String> columnsOption(AmlConfig config, String key, List<String> all) {
        if (!config.has("DataPreparation", key)) {
            return new ArrayList<>();
        }
        Object v = config.get("DataPreparation", key);
        if ("[*]".equals(v) || "*".equals(v)) {
            return new ArrayList<>(all);
        }
        if (Boolean.FALSE.equals(v) || v == null) {
            return new ArrayList<>();
        }
        return new ArrayList<>(config.stringList("DataPreparation", key));
    }

    private static void requireNumeric(AmlConfig config, String key, String c, Map<String, double[]> cols, Frame frame,
            String source) {
        if (frame.has(c) && !frame.isNumeric(c)) {
            throw config.error("DataPreparation", key, "column '" + c + "' of " + source
                    + " holds strings; expected a numeric column");
        }
        if (!cols.containsKey(c)) {
            throw config.error("DataPreparation", key, "column '" + c + "' is not in " + source);
        }
    }

    private static double[] numericColumn(AmlConfig config, Frame frame, String key, String c, String source) {
        if (!frame.has(c)) {
            throw config.error("DataPreparation", key, "column '" + c + "' is not in " + source);
        }
        if (!frame.isNumeric(c)) {
            throw config.error("DataPreparation", key, "column '" + c + "' of " + source + " is not numeric");
        }
        return frame.numeric(c);
    }

    private static List<List<String>> products(AmlConfig config, List<String> features, Map<String, double[]> base,
            Frame frame, String source) {
        List<List<String>> out = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>(features);
        if (config.has("DataPreparation", "selected_products")) {
            for (String spec : config.stringList("DataPreparation", "selected_products")) {
                List<String> factors = List.of(spec.strip().split("\\s+"));
                for (String f : factors) {
                    if (!features.contains(f)) {
                        throw config.error("DataPreparation", "selected_products", "factor '" + f + "' of '" + spec
                                + "' is not a feature (features: " + features + ")");
                    }
                }
                if (!reciprocal(factors) && !sameClass(factors) && names.add(String.join("__", factors))) {
                    out.add(factors);
                }
            }
            return out;
        }
        if (!config.has("DataPreparation", "product_max_degree")) {
            return out;
        }
        Object degreeValue = config.get("DataPreparation", "product_max_degree");
        int maxDegree;
        if ("inf".equals(String.valueOf(degreeValue))) {
            maxDegree = features.size();
        } else if (degreeValue instanceof Long l) {
            maxDegree = l.intValue();
        } else if (Boolean.FALSE.equals(degreeValue) || degreeValue == null) {
            return out;
        } else {
            throw config.error("DataPreparation", "product_max_degree", "got '" + degreeValue
                    + "'; expected an integer or inf");
        }
        boolean interactionsOnly = config.flag("DataPreparation", "product_interactions_only");
        List<String> sorted = new ArrayList<>(new TreeSet<>(features));
        for (int degree = 2; degree <= maxDegree; degree++) {
            for (List<String> combo : Combinations.of(sorted, degree, !interactionsOnly)) {
                if (!reciprocal(combo) && !sameClass(combo) && names.add(String.join("__", combo))) {
                    out.add(combo);
                }
            }
        }
        return out;
    }

    /** aMLLibrary never multiplies x by inverse_x. */
    static boolean reciprocal(List<String> combo) {
        for (String f : combo) {
            if (f.startsWith("inverse_") && combo.contains(f.substring("inverse_".length()))) {
                return true;
            }
        }
        return false;
    }

    /** ... nor two one-hot classes of the same column (always zero). */
    static boolean sameClass(List<String> combo) {
        java.util.Set<String> classes = new java.util.HashSet<>();
        for (String f : combo) {
            int at = f.indexOf("_class_");
            if (at >= 0 && !classes.add(f.substring(0, at))) {
                return true;
            }
        }
        return false;
    }

    private static boolean[] validationSplit(AmlConfig config, Map<String, double[]> cols, int rows) {
        String validation = config.string("General", "validation");
        if (validation.equals("Extrapolation")) {
            Map<String, Double> bounds = config.numberDict("General", "extrapolation_columns");
            boolean[] v = new boolean[rows];
            for (var b : bounds.entrySet()) {
                double[] col = cols.get(b.getKey());
                if (col == null) {
                    throw config.error("General", "extrapolation_columns", "column '" + b.getKey() + "' is not a feature");
                }
                for (int i = 0; i < rows; i++) {
                    v[i] |= col[i] > b.getValue();
                }
            }
            return v;
        }
        if (validation.equals("Interpolation")) {
            Object spec = config.get("General", "interpolation_columns");
            if (!(spec instanceof Map<?, ?> map)) {
                throw config.error("General", "interpolation_columns", "expected a dict {column: step or [values]}");
            }
            boolean[] v = new boolean[rows];
            for (var e : map.entrySet()) {
                double[] col = cols.get(String.valueOf(e.getKey()));
                if (col == null) {
                    throw config.error("General", "interpolation_columns", "column '" + e.getKey() + "' is not a feature");
                }
                java.util.Set<Double> chosen = new java.util.HashSet<>();
                if (e.getValue() instanceof List<?> values) {
                    values.forEach(o -> chosen.add(((Number) o).doubleValue()));
                } else if (e.getValue() instanceof Number step) {
                    double[] unique = java.util.Arrays.stream(col).distinct().sorted().toArray();
                    for (int i = 0; i < unique.length; i += Math.max(1, step.intValue())) {
                        chosen.add(unique[i]);
                    }
                } else {
                    throw config.error("General", "interpolation_columns", "value of '" + e.getKey()
                            + "' must be a list or a number");
                }
                for (int i = 0; i < rows; i++) {
                    v[i] |= chosen.contains(col[i]);
                }
            }
            return v;
        }
        return null;
    }
}
