package io.aisprint.perf.aml;

import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * sklearn {@code Ridge(alpha)}: the intercept is not penalised (centre X and y), then the
 * normal equations (XcᵀXc + αI) w = Xcᵀyc are solved by Cholesky, as sklearn's dense solver does.
 * Tribuo has no Ridge trainer, so this is ours.
 */
final class RidgeLearner implements Learner {
    @Override
    public Fitted fit(double[][] x, double[] y, Map<String, Object> hyper, long seed) {
        double alpha = Hyper.number(hyper, "alpha", 1.0);
        return solve(x, y, alpha, true);
    }

    static LinearFitted solve(double[][] x, double[] y, double alpha, boolean intercept) {
        int n = x.length;
        int p = n == 0 ? 0 : x[0].length;
        double[] xm = intercept ? LinearFitted.columnMeans(x, p) : new double[p];
        double ym = intercept ? LinearFitted.mean(y) : 0.0;
        double[][] g = new double[p][p];
        double[] b = new double[p];
        for (int i = 0; i < n; i++) {
            double yi = y[i] - ym;
            for (int j = 0; j < p; j++) {
                double xj = x[i][j] - xm[j];
                b[j] += xj * yi;
                for (int k = j; k < p; k++) {
                    g[j][k] += xj * (x[i][k] - xm[k]);
                }
            }
        }
        for (int j = 0; j < p; j++) {
            g[j][j] += alpha;
            for (int k = 0; k < j; k++) {
                g[j][k] = g[k][j];
            }
        }
        double[] w;
        if (p == 0) {
            w = new double[0];
        } else {
            RealMatrix gram = new Array2DRowRealMatrix(g, false);
            try {
                w = new CholeskyDecomposition(gram, 1e-14, 1e-14).getSolver().solve(new ArrayRealVector(b, false))
                        .toArray();
            } catch (RuntimeException notPositiveDefinite) {
                w = new LUDecomposition(gram).getSolver().solve(new ArrayRealVector(b, false)).toArray();
            }
        }
        double c = ym;
        for (int j = 0; j < p; j++) {
            c -= xm[j] * w[j];
        }
        return new LinearFitted(c, w, null);
    }
}
