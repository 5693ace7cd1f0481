package io.aisprint.gpu;

/**
 * Parameters of the optimizer. Defaults follow the reference: alpha = 0.05 (pick among the
 * best 5 % of configurations), pi = 0.05 (random swaps in the job order), beta = 0.2 (random
 * node choice), an elite pool of 10, 10 local-search iterations, relinking alpha 0.3.
 *
 * @param iterations randomized-greedy restarts
 * @param timeLimitMillis stop the restarts after this long (0: no limit); the deterministic
 *     greedy always runs, so a tight limit never loses the greedy solution
 * @param seed seeds the random choices: the same seed and problem give the same plan
 */
public record OptimizerOptions(int iterations, double alpha, double pi, double beta, int eliteSize,
                               int localSearchIterations, double relinkAlpha, long seed, Proxy proxy,
                               long timeLimitMillis) {

    public OptimizerOptions {
        if (iterations < 0 || eliteSize < 1 || localSearchIterations < 0) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Optimizer options: iterations=" + iterations
                + ", eliteSize=" + eliteSize + ", localSearchIterations=" + localSearchIterations
                + "; expected iterations >= 0, eliteSize >= 1, localSearchIterations >= 0.");
        }
        for (double share : new double[] {alpha, pi, beta, relinkAlpha}) {
            if (share < 0 || share > 1) {
                throw new GpuException(ErrorCode.INVALID_INPUT,
                    "Optimizer options: alpha, pi, beta and relinkAlpha must lie in [0, 1]; got " + share + ".");
            }
        }
    }

    public static OptimizerOptions defaults() {
        return new OptimizerOptions(100, 0.05, 0.05, 0.2, 10, 10, 0.3, 1L, Proxy.FULL_HORIZON, 0);
    }

    /** The reference settings, with the reference's myopic proxy. */
    public static OptimizerOptions reference() {
        return defaults().withProxy(Proxy.MYOPIC);
    }

    public OptimizerOptions withSeed(long newSeed) {
        return new OptimizerOptions(iterations, alpha, pi, beta, eliteSize, localSearchIterations, relinkAlpha, newSeed, proxy, timeLimitMillis);
    }

    public OptimizerOptions withIterations(int newIterations) {
        return new OptimizerOptions(newIterations, alpha, pi, beta, eliteSize, localSearchIterations, relinkAlpha, seed, proxy, timeLimitMillis);
    }

    public OptimizerOptions withProxy(Proxy newProxy) {
        return new OptimizerOptions(iterations, alpha, pi, beta, eliteSize, localSearchIterations, relinkAlpha, seed, newProxy, timeLimitMillis);
    }

    public OptimizerOptions withTimeLimitMillis(long millis) {
        return new OptimizerOptions(iterations, alpha, pi, beta, eliteSize, localSearchIterations, relinkAlpha, seed, proxy, millis);
    }
}
