package io.aisprint.cluster;

import java.time.Instant;

/**
 * Something the driver saw happen to the cluster, for the run report.
 *
 * @param at     when the driver saw it
 * @param kind   what happened
 * @param node   the worker concerned
 * @param detail a sentence for people
 */
public record ClusterEvent(Instant at, Kind kind, String node, String detail) {
    public enum Kind {
        /** A worker joined; its capacity became available to waiting tasks. */
        JOINED,
        /** A worker left cleanly. */
        LEFT,
        /** A worker stopped answering (crash, hang or network loss) and was dropped. */
        FAILED,
        /** An attempt was running on a worker that left; the task's failure policy takes over. */
        ATTEMPT_LOST
    }

    @Override
    public String toString() {
        return at + " " + kind + " " + node + ": " + detail;
    }
}
