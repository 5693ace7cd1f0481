package io.aisprint.perf.aml;

/**
 * sklearn's StandardScaler per column: mean and population standard deviation of the training
 * rows (a constant column keeps scale 1). Used on the features and on y.
 */
record Scaler(double[] mean, double[] scale) {

    static Scaler fit(double[][] x) {
        int p = x.length == 0 ? 0 : x[0].length;
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (double[] row : x) {
                m += row[j];
            }
            m /= x.length;
            double v = 0;
            for (double[] row : x) {
                v += (row[j] - m) * (row[j] - m);
            }
            v /= x.length;
            mean[j] = m;
            scale[j] = v == 0 ? 1.0 : Math.sqrt(v);
        }
        return new Scaler(mean, scale);
    }

    static Scaler fit(double[] y) {
        double[][] col = new double[y.length][1];
        for (int i = 0; i < y.length; i++) {
            col[i][0] = y[i];
        }
        return fit(col);
    }

    double[][] apply(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
        }
        return out;
    }

    double[] apply(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (y[i] - mean[0]) / scale[0];
        }
        return out;
    }

    double[] invert(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] * scale[0] + mean[0];
        }
        return out;
    }
}
