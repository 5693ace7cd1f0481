package io.aisprint.perf.aml;

import java.util.Map;

/**
 * aMLLibrary's "NNLS", which is really sklearn {@code Lasso(alpha=0.001, positive=True)}: cyclic
 * coordinate descent on (1/2n)‖y − Xw‖² + α‖w‖₁ with w ≥ 0, stopped like sklearn's
 * {@code enet_coordinate_descent} (tol 1e-4 on the weight change, then on the duality gap,
 * at most 1000 sweeps). The intercept comes from centring when fit_intercept.
 */
final class NnlsLearner implements Learner {
    static final double ALPHA = 0.001;
    static final double TOL = 1e-4;
    static final int MAX_ITER = 1000;

    @Override
    public Fitted fit(double[][] x, double[] y, Map<String, Object> hyper, long seed) {
        boolean intercept = Hyper.flag(hyper, "fit_intercept", true);
        int n = x.length;
        int p = x[0].length;
        double[] xm = intercept ? LinearFitted.columnMeans(x, p) : new double[p];
        double ym = intercept ? LinearFitted.mean(y) : 0.0;
        double[][] cols = new double[p][n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                cols[j][i] = x[i][j] - xm[j];
            }
            r[i] = y[i] - ym;
        }
        double[] yc = r.clone();
        double[] norm = new double[p];
        for (int j = 0; j < p; j++) {
            norm[j] = dot(cols[j], cols[j]);
        }
        double alpha = ALPHA * n;
        double tol = TOL * dot(yc, yc);
        double[] w = new double[p];
        for (int iter = 0; iter < MAX_ITER; iter++) {
            double wMax = 0;
            double dwMax = 0;
            for (int j = 0; j < p; j++) {
                if (norm[j] == 0) {
                    continue;
                }
                double old = w[j];
                if (old != 0) {
                    axpy(old, cols[j], r);
                }
                double tmp = dot(cols[j], r);
                w[j] = tmp < 0 ? 0 : Math.max(tmp - alpha, 0) / norm[j];
                if (w[j] != 0) {
                    axpy(-w[j], cols[j], r);
                }
                dwMax = Math.max(dwMax, Math.abs(w[j] - old));
                wMax = Math.max(wMax, Math.abs(w[j]));
            }
            if (wMax == 0 || dwMax / wMax < TOL || iter == MAX_ITER - 1) {
                if (gap(cols, r, yc, w, alpha) < tol) {
                    break;
                }
            }
        }
        double c = ym;
        for (int j = 0; j < p; j++) {
            c -= xm[j] * w[j];
        }
        return new LinearFitted(c, w, null);
    }

    private static double gap(double[][] cols, double[] r, double[] y, double[] w, double alpha) {
        double dualNorm = Double.NEGATIVE_INFINITY;
        for (double[] col : cols) {
            dualNorm = Math.max(dualNorm, dot(col, r));
        }
        double rNorm2 = dot(r, r);
        double constant;
        double gap;
        if (dualNorm > alpha) {
            constant = alpha / dualNorm;
            gap = 0.5 * (rNorm2 + rNorm2 * constant * constant);
        } else {
            constant = 1.0;
            gap = rNorm2;
        }
        double l1 = 0;
        for (double v : w) {
            l1 += Math.abs(v);
        }
        return gap + alpha * l1 - constant * dot(r, y);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
