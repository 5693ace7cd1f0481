package io.aisprint.perf.aml;

/** aMLLibrary's metrics: MAPE as a fraction with |y| floored at machine epsilon, RMSE, R². */
final class Metrics {
    static final double EPS = Math.ulp(1.0);

    private Metrics() {
    }

    static double mape(double[] y, double[] predicted) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += Math.abs(predicted[i] - y[i]) / Math.max(Math.abs(y[i]), EPS);
        }
        return sum / y.length;
    }

    static double rmse(double[] y, double[] predicted) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double d = predicted[i] - y[i];
            sum += d * d;
        }
        return Math.sqrt(sum / y.length);
    }

    /** sklearn's r2_score: 1 − SS_res/SS_tot (1.0 for a perfect fit of a constant, else 0.0 when SS_tot = 0). */
    static double r2(double[] y, double[] predicted) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < y.length; i++) {
            res += (y[i] - predicted[i]) * (y[i] - predicted[i]);
            tot += (y[i] - mean) * (y[i] - mean);
        }
        if (tot == 0) {
            return res == 0 ? 1.0 : 0.0;
        }
        return 1 - res / tot;
    }
}
