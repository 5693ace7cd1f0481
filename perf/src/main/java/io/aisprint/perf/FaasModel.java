package io.aisprint.perf;

import java.util.Map;

/**
 * The serverless model of Mahmoudi and Khazaei (PACSLTK, IEEE TCC 2020) as SPACE4AI-D uses it:
 * a birth–death chain on the number m of warm containers. A request arriving when all m warm
 * containers are busy (Erlang-B blocking) starts a new container and pays the cold time; an idle
 * container is killed after the keep-alive time. The steady state weights the per-state mean
 * response time P_b(m)·d_c + (1 − P_b(m))·d_w.
 *
 * <p>The model does not depend on the rest of a placement, so results are cached per
 * (λ, d_w, d_c, τ).
 */
public final class FaasModel {
    /** How many states past the last one whose cold-start rate exceeds its kill rate are kept. */
    private static final int EXTRA_STATES = 5;
    /** A hard stop for pathological inputs; real chains have tens of states. */
    private static final int MAX_STATES = 100_000;

    private record Key(double arrivalRate, double warmTime, double coldTime, double keepAlive) {
    }

    /** Solutions kept: the replanner tries a new λ each time, so the cache forgets the least recently used. */
    static final int CACHE_ENTRIES = 4096;

    private static final Map<Key, Double> CACHE = java.util.Collections.synchronizedMap(
        new java.util.LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Double> eldest) {
                return size() > CACHE_ENTRIES;
            }
        });

    private FaasModel() {
    }

    /** How many solutions the cache holds now (tests check it stays bounded). */
    static int cachedSolutions() {
        return CACHE.size();
    }

    /**
     * Mean response time in seconds of a function invoked at {@code arrivalRate} requests per
     * second, with warm and cold execution times and the container keep-alive {@code keepAlive}.
     */
    public static double responseTime(double arrivalRate, double warmTime, double coldTime, double keepAlive) {
        if (!(warmTime > 0) || !(coldTime >= 0) || !(keepAlive >= 0) || !(arrivalRate >= 0)
                || Double.isInfinite(arrivalRate)) {
            throw new PerfException("FaaS model needs positive warm time, non-negative cold time, keep-alive and load;"
                    + " got warm " + warmTime + " s, cold " + coldTime + " s, keep-alive " + keepAlive
                    + " s, load " + arrivalRate + " req/s");
        }
        if (arrivalRate == 0.0) {
            // No traffic: nothing is ever served; report the warm time so that callers see a finite value.
            return warmTime;
        }
        Key key = new Key(arrivalRate, warmTime, coldTime, keepAlive);
        Double known = CACHE.get(key);
        if (known != null) {
            return known;
        }
        // Solved outside the lock: two threads may solve the same key once each, never block each other.
        double solved = solve(arrivalRate, warmTime, coldTime, keepAlive);
        CACHE.put(key, solved);
        return solved;
    }

    /** Erlang-B blocking probability of an m-server loss system offered {@code offeredLoad} Erlangs. */
    static double erlangB(double offeredLoad, int servers) {
        double inverse = 1.0;
        for (int j = 1; j <= servers; j++) {
            inverse = 1.0 + inverse * (j / offeredLoad);
        }
        return 1.0 / inverse;
    }

    private static double solve(double lambda, double warm, double cold, double keepAlive) {
        double offeredLoad = lambda * warm;
        // State 0: no warm container, every request is a cold start.
        java.util.List<double[]> states = new java.util.ArrayList<>(); // {birthRate, killRate, responseTime}
        states.add(new double[] {lambda, 0.0, cold});
        double previousBlocking = 1.0;
        double cumulativeKillRate = 0.0;
        int lastGrowing = 0;
        for (int m = 1; m - lastGrowing < EXTRA_STATES + 1 && m < MAX_STATES; m++) {
            double blocking = erlangB(offeredLoad, m);
            double birthRate = blocking * lambda;
            // Requests served by the m-th container are those blocked with m-1 but not with m.
            double mthServerRate = lambda * (previousBlocking - blocking);
            previousBlocking = blocking;
            double noRequestWithinKeepAlive = Math.exp(-mthServerRate * keepAlive);
            if (noRequestWithinKeepAlive > 0 && mthServerRate > 0) {
                double requestsBeforeKill = 1.0 / noRequestWithinKeepAlive;
                double window = keepAlive + warm;
                double decay = Math.exp(-mthServerRate * window);
                // Mean gap between two requests that both fall within the keep-alive window.
                double meanGap = -window * decay + (1.0 - decay) / mthServerRate;
                double lifetime = keepAlive + (requestsBeforeKill - 1.0) * meanGap;
                cumulativeKillRate += 1.0 / lifetime;
            }
            double responseTime = blocking * cold + (1.0 - blocking) * warm;
            states.add(new double[] {birthRate, cumulativeKillRate, responseTime});
            if (birthRate > cumulativeKillRate) {
                lastGrowing = m;
            }
        }
        return steadyStateMean(states);
    }

    /**
     * Mean response time under the steady state of the birth–death chain, from detailed balance
     * π(m+1)·kill(m+1) = π(m)·birth(m), computed in logarithms because kill rates can be as small as
     * 1e-47 next to birth rates of order 1.
     */
    private static double steadyStateMean(java.util.List<double[]> states) {
        int count = states.size();
        double[] logWeight = new double[count];
        double max = 0.0;
        for (int m = 1; m < count; m++) {
            double birth = states.get(m - 1)[0];
            double kill = Math.max(states.get(m)[1], Double.MIN_VALUE);
            logWeight[m] = logWeight[m - 1] + Math.log(birth) - Math.log(kill);
            max = Math.max(max, logWeight[m]);
        }
        double total = 0.0;
        double weighted = 0.0;
        for (int m = 0; m < count; m++) {
            double weight = Math.exp(logWeight[m] - max);
            total += weight;
            weighted += weight * states.get(m)[2];
        }
        return weighted / total;
    }
}
