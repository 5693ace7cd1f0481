package io.aisprint.perf.aml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Hyperopt's Tree-structured Parzen Estimator (Bergstra et al. 2011, as in {@code hyperopt.tpe}
 * with its defaults): the first 20 trials draw from the priors; later ones split the trials at the
 * γ = 0.25·√n best, fit adaptive Parzen estimators l (good) and g (rest) per parameter — prior
 * component included, bandwidths from neighbour gaps clipped to [σ₀/min(100, n+1), σ₀] — draw 24
 * candidates from l and keep the one maximising l/g. No Java TPE fits aMLLibrary's priors, so this
 * is ours.
 */
final class Tpe {
    static final int STARTUP = 20;
    static final int CANDIDATES = 24;
    static final double GAMMA = 0.25;

    private final SearchSpace space;
    private final Random random;
    private final List<Map<String, Object>> trials = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();

    Tpe(SearchSpace space, long seed) {
        this.space = space;
        this.random = new Random(seed);
    }

    /** Runs {@code evaluations} trials and returns the configuration with the lowest loss. */
    Map<String, Object> minimise(int evaluations, ToDoubleFunction<Map<String, Object>> loss) {
        for (int t = 0; t < evaluations; t++) {
            Map<String, Object> point = suggest();
            double l = loss.applyAsDouble(point);
            trials.add(point);
            losses.add(Double.isFinite(l) ? l : Double.MAX_VALUE);
        }
        int best = 0;
        for (int i = 1; i < losses.size(); i++) {
            if (losses.get(i) < losses.get(best)) {
                best = i;
            }
        }
        return trials.get(best);
    }

    Map<String, Object> suggest() {
        Map<String, Object> point = new LinkedHashMap<>();
        boolean startup = trials.size() < STARTUP;
        Integer[] order = new Integer[trials.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(losses::get));
        int nBelow = (int) Math.ceil(GAMMA * Math.sqrt(trials.size()));
        List<Integer> below = Arrays.asList(order).subList(0, Math.min(nBelow, order.length));
        List<Integer> above = Arrays.asList(order).subList(Math.min(nBelow, order.length), order.length);
        for (var e : space.choices.entrySet()) {
            List<Object> options = e.getValue();
            if (startup || options.size() == 1) {
                point.put(e.getKey(), options.get(random.nextInt(options.size())));
                continue;
            }
            double[] l = counts(options, below, e.getKey());
            double[] g = counts(options, above, e.getKey());
            int bestIdx = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CANDIDATES; c++) {
                int k = sample(l);
                double score = Math.log(l[k]) - Math.log(g[k]);
                if (score > bestScore) {
                    bestScore = score;
                    bestIdx = k;
                }
            }
            point.put(e.getKey(), options.get(bestIdx));
        }
        for (var e : space.priors.entrySet()) {
            SearchSpace.Prior prior = e.getValue();
            if (startup) {
                double s = prior.spaceLow() + random.nextDouble() * (prior.spaceHigh() - prior.spaceLow());
                point.put(e.getKey(), prior.fromSpace(s));
                continue;
            }
            Parzen l = parzen(prior, below, e.getKey());
            Parzen g = parzen(prior, above, e.getKey());
            double best = Double.NaN;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CANDIDATES; c++) {
                double s = l.sample(random);
                double score = l.logDensity(s) - g.logDensity(s);
                if (score > bestScore) {
                    bestScore = score;
                    best = s;
                }
            }
            point.put(e.getKey(), prior.fromSpace(best));
        }
        return point;
    }

    private double[] counts(List<Object> options, List<Integer> which, String key) {
        double[] w = new double[options.size()];
        Arrays.fill(w, 1.0);
        for (int i : which) {
            int k = options.indexOf(trials.get(i).get(key));
            if (k >= 0) {
                w[k] += 1;
            }
        }
        double sum = Arrays.stream(w).sum();
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }

    private int sample(double[] p) {
        double u = random.nextDouble();
        for (int k = 0; k < p.length; k++) {
            u -= p[k];
            if (u <= 0) {
                return k;
            }
        }
        return p.length - 1;
    }

    private Parzen parzen(SearchSpace.Prior prior, List<Integer> which, String key) {
        double lo = prior.spaceLow();
        double hi = prior.spaceHigh();
        double[] obs = new double[which.size()];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = prior.toSpace(((Number) trials.get(which.get(i)).get(key)).doubleValue());
        }
        double priorMu = 0.5 * (lo + hi);
        double priorSigma = hi - lo;
        double[] mus = new double[obs.length + 1];
        System.arraycopy(obs, 0, mus, 0, obs.length);
        mus[obs.length] = priorMu;
        Arrays.sort(mus);
        double[] sigmas = new double[mus.length];
        for (int i = 0; i < mus.length; i++) {
            double left = i > 0 ? mus[i] - mus[i - 1] : mus[i] - lo;
            double right = i + 1 < mus.length ? mus[i + 1] - mus[i] : hi - mus[i];
            double s = Math.max(left, right);
            double minSigma = priorSigma / Math.min(100.0, 1.0 + mus.length);
            sigmas[i] = Math.min(Math.max(s, minSigma), priorSigma);
            if (mus[i] == priorMu && i == Arrays.binarySearch(mus, priorMu)) {
                sigmas[i] = priorSigma;
            }
        }
        return new Parzen(mus, sigmas, lo, hi);
    }

    /** An equally weighted Gaussian mixture truncated to [lo, hi]. */
    private record Parzen(double[] mu, double[] sigma, double lo, double hi) {
        double sample(Random random) {
            int k = random.nextInt(mu.length);
            for (int tries = 0; tries < 1000; tries++) {
                double s = mu[k] + sigma[k] * random.nextGaussian();
                if (s >= lo && s <= hi) {
                    return s;
                }
            }
            return Math.min(hi, Math.max(lo, mu[k]));
        }

        double logDensity(double s) {
            double total = 0;
            for (int k = 0; k < mu.length; k++) {
                double z = (s - mu[k]) / sigma[k];
                double mass = phi((hi - mu[k]) / sigma[k]) - phi((lo - mu[k]) / sigma[k]);
                total += Math.exp(-0.5 * z * z) / (sigma[k] * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
            }
            return Math.log(total / mu.length + 1e-300);
        }

        private static double phi(double z) {
            return 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2));
        }
    }
}
