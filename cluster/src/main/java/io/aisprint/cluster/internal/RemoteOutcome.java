package io.aisprint.cluster.internal;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;

/** A remote attempt's result or error, always serialisable (the error travels as text). */
record RemoteOutcome(boolean ok, Object value, java.util.Map<Integer, byte[]> files, String errorClass, String message, String stack)
        implements Serializable {

    static RemoteOutcome success(RemoteResult result) {
        return new RemoteOutcome(true, result.value(), result.files().isEmpty() ? null : new java.util.HashMap<>(result.files()),
                null, null, null);
    }

    static RemoteOutcome failure(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return new RemoteOutcome(false, null, null, error.getClass().getName(), error.getMessage(), text.toString());
    }
}
