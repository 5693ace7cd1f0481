package io.aisprint.runtime.internal;

import io.aisprint.runtime.Direction;

/** One declared parameter of one task, with the versions it reads and writes. */
final class Access {
    final DataCell<?> cell;
    final Direction direction;
    /** Placeholder name of a file parameter for external commands, or null. */
    final String name;
    Version input;
    Version output;
    /** The writer works on a private copy (renaming) because earlier readers are still pending. */
    boolean renamed;
    CommutativeGate gate;
    /** Value the body sees (a copy when renamed). */
    Object workingValue;
    Object newValue;
    boolean newValueSet;
    Object ignoreDefault;
    boolean hasIgnoreDefault;

    Access(DataCell<?> cell, Direction direction, String name) {
        this.cell = cell;
        this.direction = direction;
        this.name = name;
    }
}
