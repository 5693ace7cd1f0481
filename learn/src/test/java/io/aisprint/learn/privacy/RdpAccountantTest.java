package io.aisprint.learn.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** Values published in the reference accountants' own tests (see shared/design/ml-reference.md §E.3). */
class RdpAccountantTest {

    @Test
    void opacusRdpAccountantTestValue() {
        RdpAccountant.Spent spent = RdpAccountant.epsilon(0.04, 1.5, 2250, 1e-5, RdpAccountant.OPACUS_ORDERS);
        assertThat(spent.epsilon()).isCloseTo(7.32911117143, within(1e-9));
        assertThat(spent.order()).isEqualTo(3.9);
    }

    @Test
    void opacusNoiseMultiplierForEpsilonEight() {
        // Opacus's get_noise_multiplier(ε=8, δ=1e-5, q=0.04, 2000 steps) gives σ ≈ 1.3562: ε crosses 8 between 1.3561 and 1.3562.
        assertThat(RdpAccountant.epsilon(0.04, 1.3562, 2000, 1e-5, RdpAccountant.OPACUS_ORDERS).epsilon()).isLessThan(8);
        assertThat(RdpAccountant.epsilon(0.04, 1.3561, 2000, 1e-5, RdpAccountant.OPACUS_ORDERS).epsilon()).isGreaterThan(8);
    }

    @Test
    void tfPrivacyComputeDpSgdPrivacyTestValues() {
        RdpAccountant.Spent first = RdpAccountant.epsilon(150 / 60000.0, 1.3, (long) Math.ceil(15 * 60000 / 150.0), 1e-5, RdpAccountant.TF_PRIVACY_ORDERS);
        assertThat(first.epsilon()).isCloseTo(0.7242234026109595, within(1e-9));
        assertThat(first.order()).isEqualTo(19);
        RdpAccountant.Spent second = RdpAccountant.epsilon(100 / 1e5, 1.0, (long) Math.ceil(30 * 1e5 / 100), 1e-7, RdpAccountant.TF_PRIVACY_ORDERS);
        assertThat(second.epsilon()).isCloseTo(1.4154988495444842, within(1e-9));
        assertThat(second.order()).isEqualTo(13);
        // σ = 0.1: the fractional series' log-space subtraction overflows and must fall back.
        RdpAccountant.Spent third = RdpAccountant.epsilon(1024 / 1e8, 0.1, (long) Math.ceil(10 * 1e8 / 1024), 1e-7, RdpAccountant.TF_PRIVACY_ORDERS);
        assertThat(third.epsilon()).isCloseTo(5907982.3113978775, Percentage.withPercentage(1e-7));
        assertThat(third.order()).isEqualTo(1.25);
    }

    @Test
    void tfPrivacyComputeRdpTestValues() {
        assertThat(RdpAccountant.rdp(0.1, 2, 10, 5)).isCloseTo(0.07737, within(5e-6));
        // TF-Privacy's rdp_accountant_test values (shown to these digits there). google/dp_accounting's newer test gives
        // 6.70579741e-04 at order 1.5; TF-Privacy's series (and the integral in seriesAgreeWithNumericalIntegration) give 6.50e-4.
        double[] orders = {1.5, 2.5, 5, 50, 100};
        double[] expected = {0.00065, 0.001085, 0.00218075, 0.023846, 167.416307};
        double[] digits = {1e-5, 1e-6, 1e-8, 1e-6, 1e-6}; // TF-Privacy cuts the digits rather than rounding them
        for (int i = 0; i < orders.length; i++) {
            assertThat(RdpAccountant.rdp(0.01, 2.5, 50, orders[i])).as("order %s", orders[i]).isCloseTo(expected[i], within(digits[i]));
        }
        assertThat(RdpAccountant.rdp(0.01, 2.5, 50, Double.POSITIVE_INFINITY)).isInfinite();
        assertThat(RdpAccountant.rdp(1, 10, 1, 20)).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void conversionOfConstantRdp() {
        List<Double> orders = new java.util.ArrayList<>();
        List<Double> rdps = new java.util.ArrayList<>();
        for (int a = 2; a <= 32; a++) {
            orders.add((double) a);
            rdps.add(1.1);
        }
        RdpAccountant.Spent spent = RdpAccountant.toEpsilon(orders, rdps, 1e-5);
        assertThat(spent.epsilon()).isCloseTo(1.32783806176, within(1e-10));
        assertThat(spent.order()).isEqualTo(32);
    }

    @Test
    void singleGaussianAtSigma4Point53IsOneEpsilonDp() {
        List<Double> orders = new java.util.ArrayList<>();
        for (int i = 1000; i < 100_000; i++) {
            orders.add(i / 1000.0);
        }
        assertThat(RdpAccountant.epsilon(1, 4.530877117, 1, 1e-6, orders).epsilon()).isCloseTo(1, within(1e-6));
    }

    /**
     * Independent check: A_α as the integral E_{z~N(0,σ²)}[((1−q) + q·e^{(2z−1)/(2σ²)})^α] by
     * Simpson's rule in log space, against the series the accountant sums (integer and fractional α).
     */
    @Test
    void seriesAgreeWithNumericalIntegration() {
        double[][] cases = {{0.01, 2.5, 1.5}, {0.01, 2.5, 2.5}, {0.04, 1.5, 3.9}, {0.04, 1.5, 12}, {0.0025, 1.3, 19}, {0.2, 0.8, 7.3}, {0.1, 2, 5}};
        for (double[] c : cases) {
            double q = c[0];
            double sigma = c[1];
            double alpha = c[2];
            double integral = Math.exp(logIntegral(q, sigma, alpha));
            double series = Math.exp(RdpAccountant.rdp(q, sigma, 1, alpha) * (alpha - 1));
            assertThat(series).as("q %s σ %s α %s", q, sigma, alpha).isCloseTo(integral, Percentage.withPercentage(1e-6));
        }
    }

    private static double logIntegral(double q, double sigma, double alpha) {
        double low = -12 * sigma;
        double high = alpha + 12 * sigma + 1;
        int intervals = 400_000;
        double h = (high - low) / intervals;
        double maxLog = Double.NEGATIVE_INFINITY;
        double[] logs = new double[intervals + 1];
        for (int k = 0; k <= intervals; k++) {
            double z = low + k * h;
            double logDensity = -z * z / (2 * sigma * sigma) - Math.log(sigma * Math.sqrt(2 * Math.PI));
            double ratio = (1 - q) + q * Math.exp((2 * z - 1) / (2 * sigma * sigma));
            logs[k] = logDensity + alpha * Math.log(ratio);
            maxLog = Math.max(maxLog, logs[k]);
        }
        double sum = 0;
        for (int k = 0; k <= intervals; k++) {
            double weight = k == 0 || k == intervals ? 1 : (k % 2 == 1 ? 4 : 2);
            sum += weight * Math.exp(logs[k] - maxLog);
        }
        return Math.log(sum * h / 3) + maxLog;
    }

    @Test
    void noSamplingCostsNothing() {
        assertThat(RdpAccountant.epsilon(0, 1, 100, 1e-5, RdpAccountant.OPACUS_ORDERS).epsilon()).isCloseTo(0, Offset.offset(0.0));
    }
}
