package io.aisprint.perf.aml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Draper–Smith stepwise regression as Octave's {@code stepwisefit} (which aMLLibrary ports): drop
 * constant columns; each round, add the candidate most correlated (Pearson) with the current
 * residuals when |b|/(t-interval half-width at p_to_add) exceeds 1, then drop the weakest selected
 * feature when that ratio is under t(1−p_to_remove/2)/t(1−p_to_add/2); stop when a round changes
 * nothing or after max_iter rounds. No library has this.
 */
final class StepwiseLearner implements Learner {
    @Override
    public Fitted fit(double[][] x, double[] y, Map<String, Object> hyper, long seed) {
        double pAdd = Hyper.number(hyper, "p_to_add", 0.05);
        double pRemove = Hyper.number(hyper, "p_to_remove", 0.1);
        boolean intercept = Hyper.flag(hyper, "fit_intercept", true);
        int maxIter = Hyper.integer(hyper, "max_iter", 100);
        int n = x.length;
        List<Integer> candidates = new ArrayList<>();
        for (int j = 0; j < x[0].length; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : x) {
                min = Math.min(min, row[j]);
                max = Math.max(max, row[j]);
            }
            if (min != max) {
                candidates.add(j);
            }
        }
        List<Integer> selected = new ArrayList<>();
        double[] residuals = y.clone();
        Regression current = null;
        int counter = 0;
        boolean goOn = true;
        while (goOn && counter < maxIter) {
            counter++;
            boolean added = false;
            boolean dropped = false;
            if (selected.size() < candidates.size()) {
                int best = -1;
                double bestRho = -1;
                for (int j : candidates) {
                    if (selected.contains(j)) {
                        continue;
                    }
                    double rho = Math.abs(correlation(x, j, residuals));
                    if (rho > bestRho || best < 0) {
                        bestRho = Double.isNaN(rho) ? -1 : rho;
                        best = j;
                    }
                }
                List<Integer> trial = new ArrayList<>(selected);
                trial.add(best);
                Regression r = regress(x, y, trial, intercept, pAdd);
                if (r != null && r.z(r.beta.length - 1) > 1) {
                    added = true;
                    current = r;
                    residuals = r.residuals;
                    selected = trial;
                }
            }
            if (!selected.isEmpty() && current != null) {
                int variables = selected.size();
                int dof = intercept ? n - variables - 1 : n - variables;
                double ratio = tQuantile(1 - pRemove / 2, dof) / tQuantile(1 - pAdd / 2, dof);
                int offset = intercept ? 1 : 0;
                int weakest = 0;
                double zMin = Double.POSITIVE_INFINITY;
                for (int k = 0; k < variables; k++) {
                    double z = current.z(k + offset);
                    if (z < zMin) {
                        zMin = z;
                        weakest = k;
                    }
                }
                if (zMin < ratio) {
                    List<Integer> trial = new ArrayList<>(selected);
                    trial.remove(weakest);
                    Regression r = regress(x, y, trial, intercept, pAdd);
                    if (r != null) {
                        dropped = true;
                        current = r;
                        residuals = r.residuals;
                        selected = trial;
                    }
                }
            }
            goOn = added || dropped;
        }
        int[] used = selected.stream().mapToInt(Integer::intValue).toArray();
        if (current == null) {
            return new LinearFitted(0.0, new double[0], used);
        }
        double c = intercept ? current.beta[0] : 0.0;
        double[] coef = new double[used.length];
        for (int k = 0; k < used.length; k++) {
            coef[k] = current.beta[k + (intercept ? 1 : 0)];
        }
        return new LinearFitted(c, coef, used);
    }

    /** Least squares on the chosen columns (QR), with each coefficient's t-interval half-width. */
    private record Regression(double[] beta, double[] halfWidth, double[] residuals) {
        /** |b| / half-width = |t| / t_crit(p_to_add). */
        double z(int k) {
            return Math.abs(beta[k] / halfWidth[k]);
        }
    }

    private static Regression regress(double[][] x, double[] y, List<Integer> columns, boolean intercept, double pAdd) {
        int n = x.length;
        int p = columns.size() + (intercept ? 1 : 0);
        int dof = n - p;
        if (dof <= 0) {
            return null;
        }
        double[][] a = new double[n][p];
        for (int i = 0; i < n; i++) {
            int k = 0;
            if (intercept) {
                a[i][k++] = 1.0;
            }
            for (int j : columns) {
                a[i][k++] = x[i][j];
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(a, false);
        try {
            var qr = new QRDecomposition(m, 1e-12);
            double[] beta = qr.getSolver().solve(new ArrayRealVector(y, false)).toArray();
            double[] fitted = m.operate(beta);
            double[] res = new double[n];
            double sse = 0;
            for (int i = 0; i < n; i++) {
                res[i] = y[i] - fitted[i];
                sse += res[i] * res[i];
            }
            double mse = sse / dof;
            RealMatrix r = qr.getR().getSubMatrix(0, p - 1, 0, p - 1);
            RealMatrix inv = new org.apache.commons.math3.linear.LUDecomposition(r.transpose().multiply(r)).getSolver()
                    .getInverse();
            double t = Math.abs(tQuantile(pAdd / 2, dof));
            double[] half = new double[p];
            for (int k = 0; k < p; k++) {
                half[k] = t * Math.sqrt(mse * inv.getEntry(k, k));
            }
            return new Regression(beta, half, res);
        } catch (RuntimeException singular) {
            return null;
        }
    }

    private static double tQuantile(double p, int dof) {
        return new TDistribution(null, dof).inverseCumulativeProbability(p);
    }

    private static double correlation(double[][] x, int j, double[] r) {
        int n = x.length;
        double mx = 0;
        double mr = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i][j];
            mr += r[i];
        }
        mx /= n;
        mr /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i][j] - mx;
            double dr = r[i] - mr;
            sxy += dx * dr;
            sxx += dx * dx;
            syy += dr * dr;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
