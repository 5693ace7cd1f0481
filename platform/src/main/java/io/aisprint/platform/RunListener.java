package io.aisprint.platform;

import io.aisprint.model.Placement;

/** Follows a run as it goes (the CLI's live view); every method has a no-op default. */
public interface RunListener {

    default void started(Placement placement, double costPerHour) {
    }

    default void tick(RunResult.TimelinePoint point) {
    }

    default void replaced(RunResult.Replacement replacement) {
    }

    default void replanned(RunResult.ReplanAttempt attempt) {
    }

    RunListener NONE = new RunListener() {
    };
}
