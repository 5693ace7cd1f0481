package io.aisprint.perf.aml;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** y = intercept + Σ coef_j·x_j over {@code used} columns (all when null): Ridge, NNLS and Stepwise. */
record LinearFitted(double intercept, double[] coef, int[] used) implements Learner.Fitted {

    @Override
    public double[] predict(double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = intercept;
            for (int k = 0; k < coef.length; k++) {
                v += coef[k] * x[i][used == null ? k : used[k]];
            }
            out[i] = v;
        }
        return out;
    }

    @Override
    public ObjectNode save() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", "linear");
        node.put("intercept", intercept);
        var c = node.putArray("coefficients");
        for (double v : coef) {
            c.add(v);
        }
        if (used != null) {
            var u = node.putArray("columns");
            for (int j : used) {
                u.add(j);
            }
        }
        return node;
    }

    static LinearFitted load(ObjectNode node) {
        double[] coef = new double[node.get("coefficients").size()];
        for (int i = 0; i < coef.length; i++) {
            coef[i] = node.get("coefficients").get(i).asDouble();
        }
        int[] used = null;
        if (node.has("columns")) {
            used = new int[node.get("columns").size()];
            for (int i = 0; i < used.length; i++) {
                used[i] = node.get("columns").get(i).asInt();
            }
        }
        return new LinearFitted(node.get("intercept").asDouble(), coef, used);
    }

    @Override
    public String describe(List<String> features) {
        StringBuilder s = new StringBuilder(String.format("%.6g", intercept));
        for (int k = 0; k < coef.length; k++) {
            s.append(String.format(" %+.6g*%s", coef[k], features.get(used == null ? k : used[k])));
        }
        return s.toString();
    }

    static double[] columnMeans(double[][] x, int p) {
        double[] m = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                m[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            m[j] /= x.length;
        }
        return m;
    }

    static double mean(double[] y) {
        double m = 0;
        for (double v : y) {
            m += v;
        }
        return m / y.length;
    }
}
