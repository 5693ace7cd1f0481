package io.aisprint.runtime;

/** How a task uses a parameter; the runtime derives dependencies from it. */
public enum Direction {
    /** Read only. Depends on the last writer of the data (read after write). */
    IN,
    /** Write only. Gets a fresh version, so it never waits for earlier readers or writers. */
    OUT,
    /** Read and write. Reads the current version and produces the next one. */
    INOUT,
    /** Read and write shared by consecutive tasks that may run at the same time; the runtime does not arbitrate their access. */
    CONCURRENT,
    /** Read and write by consecutive tasks that may run in any order, one at a time. */
    COMMUTATIVE;

    public boolean writes() {
        return this != IN;
    }
}
