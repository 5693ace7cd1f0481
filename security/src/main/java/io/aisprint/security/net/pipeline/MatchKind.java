package io.aisprint.security.net.pipeline;

/** How a key field of a table is matched, as in P4Runtime. */
public enum MatchKind {
    EXACT, LPM, RANGE, TERNARY
}
