package io.aisprint.perf;

/** The one error type of the perf module: a model cannot be evaluated, said in user terms. */
public class PerfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PerfException(String message) {
        super(message);
    }
}
