package io.aisprint.monitor;

/** Told about every state change, in the evaluating thread; must not block for long. */
@FunctionalInterface
public interface AlertListener {
    void onStateChange(AlertEvent event);
}
