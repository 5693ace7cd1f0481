package io.aisprint.perf.aml;

import io.aisprint.perf.PerfException;

/** Bad campaign input (config key, data row/column) or a failed training, said in user terms. */
public final class AmlException extends PerfException {
    private static final long serialVersionUID = 1L;

    public AmlException(String message) {
        super(message);
    }
}
