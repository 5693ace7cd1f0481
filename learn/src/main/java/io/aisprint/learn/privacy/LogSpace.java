package io.aisprint.learn.privacy;

/** Log-space arithmetic and log(erfc) without underflow, for the accountant. */
final class LogSpace {
    private static final double LOG_SQRT_PI = 0.5 * Math.log(Math.PI);

    private LogSpace() {
    }

    /** log(e^a + e^b). */
    static double add(double a, double b) {
        double high = Math.max(a, b);
        double low = Math.min(a, b);
        if (low == Double.NEGATIVE_INFINITY) {
            return high;
        }
        return Math.log1p(Math.exp(low - high)) + high;
    }

    /** log(e^a − e^b) for a ≥ b; like TF-Privacy it returns a when e^(a−b) overflows. */
    static double subtract(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (a == b) {
            return Double.NEGATIVE_INFINITY;
        }
        double value = Math.log(Math.expm1(a - b)) + b;
        return Double.isInfinite(value) || Double.isNaN(value) ? a : value;
    }

    /** log(erfc(x)) for any x; large x by the continued fraction so it never underflows. */
    static double logErfc(double x) {
        if (x < 0) {
            return Math.log(2 - Math.exp(logErfc(-x)));
        }
        if (x < 2) {
            return Math.log1p(-erfSeries(x));
        }
        return -x * x - LOG_SQRT_PI - Math.log(continuedFraction(x));
    }

    /** erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1)), accurate to ~1e-16 for x < 2. */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        double square = x * x;
        for (int n = 1; n < 200; n++) {
            term *= -square / n;
            double contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** erfc(x)·e^{x²}·√π = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), by modified Lentz. */
    private static double continuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return f;
    }
}
