package io.aisprint.learn;

/** Error categories of the learn module; each kind of problem has exactly one. */
public enum LearnErrorCode {
    /** A data set file is missing or unreadable. */
    DATA_UNREADABLE,
    /** A data set file is readable but not what was expected (wrong magic number, sizes). */
    DATA_INVALID,
    /** An option or setting has a value out of its range. */
    INVALID_OPTION,
    /** The deep-learning engine (PyTorch native library) cannot be loaded. */
    ENGINE_UNAVAILABLE,
    /** A client update was rejected (shape, NaN, size, signature, replay). */
    UPDATE_REJECTED,
    /** A federated run could not finish (no client answered, server unreachable). */
    RUN_FAILED,
    /** A checkpoint could not be written or read. */
    CHECKPOINT,
    /** No candidate meets the limits an architecture search was given. */
    INFEASIBLE,
    /** A secure-aggregation protocol step failed (too few shares, bad message). */
    SECURE_AGGREGATION
}
