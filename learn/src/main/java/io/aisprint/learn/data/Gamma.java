package io.aisprint.learn.data;

import java.util.Random;

/** Gamma(shape, 1) samples by Marsaglia and Tsang (2000), with the shape < 1 boost; for Dirichlet draws. */
final class Gamma {
    private Gamma() {
    }

    static double sample(double shape, Random random) {
        if (shape < 1) {
            // Gamma(a) = Gamma(a + 1) · U^(1/a)
            return sample(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
