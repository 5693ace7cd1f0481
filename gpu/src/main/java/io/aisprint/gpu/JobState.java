package io.aisprint.gpu;

/** A job and how much of it is done (0 to 1 of its epochs), as the scheduler sees it. */
public record JobState(Job job, double completed) {
    public JobState {
        if (completed < 0 || completed > 1) {
            throw new GpuException(ErrorCode.INVALID_INPUT,
                "Job " + job.id() + " has completed=" + completed + "; expected a share from 0 to 1.");
        }
    }

    public String id() {
        return job.id();
    }

    /** Expected seconds left in a configuration. */
    public double remainingSeconds(Configuration configuration) {
        return job.totalSeconds(configuration) * (1 - completed);
    }
}
