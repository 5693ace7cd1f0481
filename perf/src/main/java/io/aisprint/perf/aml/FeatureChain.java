package io.aisprint.perf.aml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The preparation steps a trained model replays on raw rows, in aMLLibrary's order: rename →
 * one-hot (levels fixed at training) → inverse → log → products → Ernest. {@link #features} is
 * the feature list after preparation; a model may use a subset of it.
 */
public record FeatureChain(
        Map<String, String> renames,
        Map<String, List<String>> oneHot,
        List<String> inverse,
        List<String> log,
        List<List<String>> products,
        boolean ernest,
        List<String> features,
        String y) {

    static final List<String> ERNEST_FEATURES = List.of("datasize_over_cores", "log_cores",
            "square_datasize_over_cores", "squared_datasize_over_cores");

    /**
     * Computes every derived column of {@code raw} (already-present columns are kept) and returns
     * all columns by name. {@code rowNumber} maps a row to its line in the data file for errors.
     */
    Map<String, double[]> derive(Frame raw, String source, int[] rowNumber) {
        int n = raw.rows();
        Map<String, Object> cols = new LinkedHashMap<>();
        raw.columns().forEach((name, values) -> cols.put(renames.getOrDefault(name, name), values));
        Map<String, double[]> out = new LinkedHashMap<>();
        Set<String> boolColumns = new java.util.HashSet<>();
        for (var e : cols.entrySet()) {
            if (e.getValue() instanceof double[] d && !oneHot.containsKey(e.getKey())) {
                out.put(e.getKey(), d);
            }
        }
        for (var e : oneHot.entrySet()) {
            String column = e.getKey();
            Object values = cols.get(column);
            if (values == null) {
                throw new AmlException(source + ": column '" + column + "' is missing; the model needs it");
            }
            String[] text = values instanceof String[] s ? s : Frame.readAsText((double[]) values);
            for (String level : e.getValue()) {
                double[] indicator = new double[n];
                for (int i = 0; i < n; i++) {
                    indicator[i] = text[i].equals(level) ? 1.0 : 0.0;
                }
                out.put(column + "_class_" + level, indicator);
                boolColumns.add(column + "_class_" + level);
            }
        }
        for (String column : inverse) {
            double[] x = column(out, column, source);
            double[] inv = new double[n];
            for (int i = 0; i < n; i++) {
                if (x[i] == 0.0) {
                    throw new AmlException(source + " row " + rowNumber[i] + ", column '" + column
                            + "': value 0 cannot be inverted ([DataPreparation] inverse)");
                }
                inv[i] = 1.0 / x[i];
            }
            out.put("inverse_" + column, inv);
        }
        for (String column : log) {
            double[] x = column(out, column, source);
            double[] lg = new double[n];
            for (int i = 0; i < n; i++) {
                if (!(x[i] > 0.0)) {
                    throw new AmlException(source + " row " + rowNumber[i] + ", column '" + column + "': value "
                            + x[i] + " is not positive; [DataPreparation] log needs values > 0");
                }
                lg[i] = Math.log(x[i]);
            }
            out.put("log_" + column, lg);
        }
        for (List<String> factors : products) {
            double[] p = new double[n];
            java.util.Arrays.fill(p, 1.0);
            for (String f : factors) {
                double[] x = column(out, f, source);
                for (int i = 0; i < n; i++) {
                    p[i] *= x[i];
                }
            }
            out.put(String.join("__", factors), p);
        }
        if (ernest) {
            double[] size = column(out, "datasize", source);
            double[] cores = column(out, "cores", source);
            double[] a = new double[n];
            double[] b = new double[n];
            double[] c = new double[n];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = size[i] / cores[i];
                b[i] = Math.log(cores[i]);
                c[i] = Math.sqrt(a[i]);
                d[i] = Math.sqrt(size[i]) / cores[i];
            }
            out.put(ERNEST_FEATURES.get(0), a);
            out.put(ERNEST_FEATURES.get(1), b);
            out.put(ERNEST_FEATURES.get(2), c);
            out.put(ERNEST_FEATURES.get(3), d);
        }
        return out;
    }

    /** Raw rows → the feature matrix of {@code columns} (row-major), checked for NaN/inf. */
    double[][] matrix(Frame raw, List<String> columns, String source) {
        int[] rowNumber = new int[raw.rows()];
        for (int i = 0; i < rowNumber.length; i++) {
            rowNumber[i] = i + 1;
        }
        Map<String, double[]> all = derive(raw, source, rowNumber);
        double[][] x = new double[raw.rows()][columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            double[] col = column(all, columns.get(j), source);
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(col[i])) {
                    throw new AmlException(source + " row " + rowNumber[i] + ", column '" + columns.get(j) + "': value "
                            + col[i] + " is not a finite number");
                }
                x[i][j] = col[i];
            }
        }
        return x;
    }

    private static double[] column(Map<String, double[]> cols, String name, String source) {
        double[] x = cols.get(name);
        if (x == null) {
            throw new AmlException(source + ": column '" + name + "' is missing or not numeric; the preparation needs it");
        }
        return x;
    }
}
