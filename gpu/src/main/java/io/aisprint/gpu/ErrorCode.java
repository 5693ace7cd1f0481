package io.aisprint.gpu;

/**
 * Error categories. The numbers of the web-service errors are those of the reference
 * scheduler's service, so that its clients keep working against ours.
 */
public enum ErrorCode {
    MISSING_JOBS(414, "mandatory field \"jobs\" missing in data"),
    MISSING_NODES(424, "mandatory field \"nodes\" missing in data"),
    MISSING_CURRENT_TIME(434, "mandatory field \"currentTime\" missing in data"),
    ZERO_DEADLINE_OR_WEIGHT(444, "deadline or tardiness weight equal to zero for at least one job"),
    MISSING_PROFILING(454, "missing data in the profiling section"),
    OPTIMIZER_FAILURE(464, "optimizer failure"),
    MISSING_GPU_COSTS(474, "mandatory field \"GPUcosts\" missing in data"),
    MISSING_COST_DATA(484, "missing data in the GPU costs section"),
    /** A malformed input file or value (not one of the service's codes). */
    INVALID_INPUT(1, "missing or corrupted parameters"),
    UNKNOWN_METHOD(2, "non registered method"),
    /** A job id this cluster never received (or has forgotten). */
    UNKNOWN_JOB(3, "unknown job"),
    /** An executor or I/O failure. */
    EXECUTION(5, "execution failure");

    private final int number;
    private final String referenceMessage;

    ErrorCode(int number, String referenceMessage) {
        this.number = number;
        this.referenceMessage = referenceMessage;
    }

    public int number() {
        return number;
    }

    /** The message the reference service gives for this code. */
    public String referenceMessage() {
        return referenceMessage;
    }
}
