package io.aisprint.learn.privacy;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rényi-DP accountant for the Poisson-subsampled Gaussian mechanism (Mironov, Talwar, Zhang
 * 2019), computed as TF-Privacy's {@code rdp_accountant} and Opacus's {@code RDPAccountant} do:
 * the log of A_α = E_{z~N(0,σ²)}[((1−q) + q·e^{(2z−1)/(2σ²)})^α] by the binomial sum for integer
 * α and by the two-sided erfc series for fractional α; RDP(α) = steps · log A_α / (α − 1); then
 * ε = min over α of RDP + log(1 − 1/α) − log(δ·α)/(α − 1) (the improved conversion both use).
 */
public final class RdpAccountant {
    /** Opacus's default orders: 1.1, 1.2, …, 10.9, then 12 … 63. */
    public static final List<Double> OPACUS_ORDERS = opacusOrders();
    /** TF-Privacy's {@code compute_dp_sgd_privacy} orders. */
    public static final List<Double> TF_PRIVACY_ORDERS = tfPrivacyOrders();

    /** ε for δ and the order that gives it. */
    public record Spent(double epsilon, double order) {
    }

    private RdpAccountant() {
    }

    /** RDP of {@code steps} compositions at order α. */
    public static double rdp(double q, double noiseMultiplier, long steps, double alpha) {
        check(q, noiseMultiplier, steps);
        if (q == 0) {
            return 0;
        }
        if (Double.isInfinite(alpha)) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return steps * alpha / (2 * noiseMultiplier * noiseMultiplier);
        }
        double logA = alpha == Math.rint(alpha) ? logAInteger(q, noiseMultiplier, (int) alpha) : logAFractional(q, noiseMultiplier, alpha);
        return steps * logA / (alpha - 1);
    }

    /** ε(δ) over the given orders. */
    public static Spent epsilon(double q, double noiseMultiplier, long steps, double delta, List<Double> orders) {
        if (!(delta > 0 && delta < 1)) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--delta " + delta + " is out of range: expected 0 < delta < 1.");
        }
        List<Double> rdps = new ArrayList<>();
        for (double alpha : orders) {
            rdps.add(rdp(q, noiseMultiplier, steps, alpha));
        }
        return toEpsilon(orders, rdps, delta);
    }

    /** The RDP → (ε, δ) conversion of dp_accounting / Opacus for RDP values at given orders. */
    public static Spent toEpsilon(List<Double> orders, List<Double> rdps, double delta) {
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = Double.NaN;
        for (int i = 0; i < orders.size(); i++) {
            double alpha = orders.get(i);
            double r = rdps.get(i);
            double eps;
            if (delta * delta + Math.expm1(-r) >= 0) {
                eps = 0; // the KL bound already gives δ (dp_accounting's shortcut)
            } else if (alpha > 1.01) {
                eps = r + Math.log1p(-1 / alpha) - Math.log(delta * alpha) / (alpha - 1);
            } else {
                eps = Double.POSITIVE_INFINITY;
            }
            if (eps < best) {
                best = eps;
                bestOrder = alpha;
            }
        }
        return new Spent(Math.max(0, best), bestOrder);
    }

    private static double logAInteger(double q, double sigma, int alpha) {
        double logA = Double.NEGATIVE_INFINITY;
        double logBinomial = 0; // log C(α, 0)
        for (int i = 0; i <= alpha; i++) {
            if (i > 0) {
                logBinomial += Math.log(alpha - i + 1) - Math.log(i);
            }
            double term = logBinomial + i * Math.log(q) + (alpha - i) * Math.log1p(-q) + (i * (double) i - i) / (2 * sigma * sigma);
            logA = LogSpace.add(logA, term);
        }
        return logA;
    }

    private static double logAFractional(double q, double sigma, double alpha) {
        double logA0 = Double.NEGATIVE_INFINITY;
        double logA1 = Double.NEGATIVE_INFINITY;
        double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
        double logCoefficient = 0; // log |C(α, 0)|
        int sign = 1;
        for (int i = 0; ; i++) {
            if (i > 0) {
                double factor = (alpha - i + 1) / i;
                logCoefficient += Math.log(Math.abs(factor));
                sign *= factor < 0 ? -1 : 1;
            }
            double j = alpha - i;
            double logT0 = logCoefficient + i * Math.log(q) + j * Math.log1p(-q);
            double logT1 = logCoefficient + j * Math.log(q) + i * Math.log1p(-q);
            double logE0 = Math.log(0.5) + LogSpace.logErfc((i - z0) / (Math.sqrt(2) * sigma));
            double logE1 = Math.log(0.5) + LogSpace.logErfc((z0 - j) / (Math.sqrt(2) * sigma));
            double logS0 = logT0 + (i * (double) i - i) / (2 * sigma * sigma) + logE0;
            double logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
            if (sign > 0) {
                logA0 = LogSpace.add(logA0, logS0);
                logA1 = LogSpace.add(logA1, logS1);
            } else {
                logA0 = LogSpace.subtract(logA0, logS0);
                logA1 = LogSpace.subtract(logA1, logS1);
            }
            if (Math.max(logS0, logS1) < -30) {
                break;
            }
        }
        return LogSpace.add(logA0, logA1);
    }

    private static void check(double q, double sigma, long steps) {
        if (!(q >= 0 && q <= 1) || !(sigma > 0) || steps < 0) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, String.format(
                "accountant inputs out of range: sample rate %s (expected 0..1), noise multiplier %s (expected > 0), steps %d (expected >= 0).",
                q, sigma, steps));
        }
    }

    private static List<Double> opacusOrders() {
        List<Double> orders = new ArrayList<>();
        for (int x = 1; x < 100; x++) {
            orders.add(1 + x / 10.0);
        }
        for (int a = 12; a < 64; a++) {
            orders.add((double) a);
        }
        return List.copyOf(orders);
    }

    private static List<Double> tfPrivacyOrders() {
        List<Double> orders = new ArrayList<>(List.of(1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0, 3.5, 4.0, 4.5));
        for (int a = 5; a < 64; a++) {
            orders.add((double) a);
        }
        orders.addAll(List.of(128.0, 256.0, 512.0));
        return List.copyOf(orders);
    }
}
