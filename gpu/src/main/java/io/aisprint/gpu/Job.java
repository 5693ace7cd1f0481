package io.aisprint.gpu;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A deep-learning training job.
 *
 * @param release seconds (on the scheduler's clock) when the job was submitted
 * @param dueDate seconds when the job should be finished (a soft limit)
 * @param tardinessWeight cost per second of lateness
 * @param epochs the maximum number of epochs the job runs
 * @param secondsPerEpoch the profile: time of one epoch in each allowed configuration; an
 *     empty profile means the job has not been profiled yet
 * @param memoryGb GPU memory the job needs; decides the GPU fractions it may use
 * @param application name of the model being trained; jobs of the same application share
 *     profiles in the profile store
 * @param earlyStopFamily name of the early-stopping distribution, or empty
 */
public record Job(
    String id,
    double release,
    double dueDate,
    double tardinessWeight,
    double epochs,
    Map<Configuration, Double> secondsPerEpoch,
    double memoryGb,
    String application,
    String earlyStopFamily) {

    /** Tardiness weights of the reference web service for priorities 1 to 5. */
    private static final double[] PRIORITY_WEIGHTS = {0.00025371, 0.00030128, 0.00034885, 0.00039642, 0.00044399};

    public Job {
        Objects.requireNonNull(id, "id");
        secondsPerEpoch = Map.copyOf(secondsPerEpoch);
        application = application == null ? "" : application;
        earlyStopFamily = earlyStopFamily == null ? "" : earlyStopFamily;
        if (!(epochs > 0)) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Job " + id + " has epochs=" + epochs + "; expected more than 0.");
        }
        if (tardinessWeight < 0) {
            throw new GpuException(ErrorCode.INVALID_INPUT,
                "Job " + id + " has tardinessWeight=" + tardinessWeight + "; expected 0 or more.");
        }
        for (Map.Entry<Configuration, Double> entry : secondsPerEpoch.entrySet()) {
            if (!(entry.getValue() > 0)) {
                throw new GpuException(ErrorCode.INVALID_INPUT, "Job " + id + " has time per epoch "
                    + entry.getValue() + " on " + entry.getKey() + "; expected more than 0 seconds.");
            }
        }
    }

    /** The tardiness weight the reference service gives to a priority of 1 (lowest) to 5. */
    public static double weightOfPriority(int priority) {
        if (priority < 1 || priority > 5) {
            throw new GpuException(ErrorCode.ZERO_DEADLINE_OR_WEIGHT,
                "Priority " + priority + " is out of range; expected 1 (lowest) to 5 (highest).");
        }
        return PRIORITY_WEIGHTS[priority - 1];
    }

    public boolean isProfiled() {
        return !secondsPerEpoch.isEmpty();
    }

    public boolean allows(Configuration configuration) {
        return secondsPerEpoch.containsKey(configuration);
    }

    /** Seconds to run all epochs in a configuration. */
    public double totalSeconds(Configuration configuration) {
        Double perEpoch = secondsPerEpoch.get(configuration);
        if (perEpoch == null) {
            throw new GpuException(ErrorCode.MISSING_PROFILING, "Job " + id + " has no profile for " + configuration + ".");
        }
        return perEpoch * epochs;
    }

    public Job withProfile(Map<Configuration, Double> profile) {
        return new Job(id, release, dueDate, tardinessWeight, epochs, profile, memoryGb, application, earlyStopFamily);
    }

    public Job withEpochs(double newEpochs) {
        return new Job(id, release, dueDate, tardinessWeight, newEpochs, secondsPerEpoch, memoryGb, application, earlyStopFamily);
    }

    /** The profile in a stable order, for output. */
    public Map<Configuration, Double> sortedProfile() {
        return new TreeMap<>(secondsPerEpoch);
    }
}
