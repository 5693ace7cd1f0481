package io.aisprint.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * How to run an application on the embedded continuum. All times are <em>application seconds</em>:
 * the embedded continuum replays the application {@code timeScale} times as fast (service demands
 * and network delays are multiplied by {@code timeScale}, arrival rates divided by it), and every
 * measured time is divided by it again before it is reported, so limits and results keep the
 * application's units.
 *
 * @param load               arrival rate over time
 * @param duration           how long requests arrive, in application seconds
 * @param timeScale          wall seconds per application second (0.5 runs twice as fast)
 * @param seed               seed of arrivals, routing and service-time draws
 * @param qosWindow          the monitor's QoS rules average response times over this window
 * @param loadWindow         the observed λ that detects a load change is counted over this window
 * @param loadChangeFraction a relative change of the observed λ against the planned λ that re-plans
 * @param cooldown           no re-plan within this time after the previous one
 * @param headroom           re-plan for the observed λ times this, so measurement noise does not push
 *                           a just-fixed placement straight back over a limit
 * @param edgeCostShare      share of an owned edge device's cost still counted at run time (ε)
 * @param tick               how often metrics are written, rules evaluated and the view refreshed
 * @param drainTimeout       after the last arrival, how long in-flight requests may take before they
 *                           are reported failed
 * @param replan             whether to re-place at all (false keeps the design-time placement)
 */
public record RunOptions(
        LoadProfile load,
        double duration,
        double timeScale,
        long seed,
        double qosWindow,
        double loadWindow,
        double loadChangeFraction,
        double cooldown,
        double headroom,
        double edgeCostShare,
        double tick,
        double drainTimeout,
        boolean replan) {

    public RunOptions {
        List<String> problems = new ArrayList<>();
        if (load == null) {
            problems.add("load is missing");
        }
        positive(problems, "duration", duration);
        positive(problems, "time scale", timeScale);
        positive(problems, "QoS window", qosWindow);
        positive(problems, "load window", loadWindow);
        positive(problems, "load change fraction", loadChangeFraction);
        positive(problems, "tick", tick);
        positive(problems, "drain timeout", drainTimeout);
        if (!(cooldown >= 0)) {
            problems.add("cooldown must be ≥ 0, got " + cooldown);
        }
        if (!(headroom >= 1)) {
            problems.add("headroom must be ≥ 1, got " + headroom);
        }
        if (!(edgeCostShare >= 0 && edgeCostShare <= 1)) {
            problems.add("edge cost share must be within [0, 1], got " + edgeCostShare);
        }
        if (!problems.isEmpty()) {
            throw new PlatformException("invalid run options: " + String.join("; ", problems));
        }
    }

    private static void positive(List<String> problems, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            problems.add(name + " must be a positive number, got " + value);
        }
    }

    /** 60 application seconds at half time, 10 s QoS window, re-plan on ±40 % load or a violation. */
    public static RunOptions defaults(LoadProfile load) {
        return new RunOptions(load, 60, 0.5, 1, 10, 15, 0.4, 6, 1.2, 0.1, 1.0, 30, true);
    }

    public RunOptions withDuration(double value) {
        return new RunOptions(load, value, timeScale, seed, qosWindow, loadWindow, loadChangeFraction, cooldown, headroom,
                edgeCostShare, tick, drainTimeout, replan);
    }

    public RunOptions withTimeScale(double value) {
        return new RunOptions(load, duration, value, seed, qosWindow, loadWindow, loadChangeFraction, cooldown, headroom,
                edgeCostShare, tick, drainTimeout, replan);
    }

    public RunOptions withSeed(long value) {
        return new RunOptions(load, duration, timeScale, value, qosWindow, loadWindow, loadChangeFraction, cooldown, headroom,
                edgeCostShare, tick, drainTimeout, replan);
    }

    public RunOptions withReplan(boolean value) {
        return new RunOptions(load, duration, timeScale, seed, qosWindow, loadWindow, loadChangeFraction, cooldown, headroom,
                edgeCostShare, tick, drainTimeout, value);
    }

    public RunOptions withDrainTimeout(double value) {
        return new RunOptions(load, duration, timeScale, seed, qosWindow, loadWindow, loadChangeFraction, cooldown, headroom,
                edgeCostShare, tick, value, replan);
    }
}
