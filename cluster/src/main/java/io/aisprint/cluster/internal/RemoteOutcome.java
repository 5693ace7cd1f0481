package io.aisprint.cluster.internal;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;

/** A remote attempt's result or error, always serialisable (the error travels as text). */
record RemoteOutcome(boolean ok, Object value, String errorClass, String message, String stack) implements Serializable {

    static RemoteOutcome success(Object value) {
        return new RemoteOutcome(true, value, null, null, null);
    }

    static RemoteOutcome failure(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return new RemoteOutcome(false, null, error.getClass().getName(), error.getMessage(), text.toString());
    }
}
