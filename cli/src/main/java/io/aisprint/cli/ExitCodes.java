package io.aisprint.cli;

/** Exit codes shared by every sub-command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The input is well-formed but invalid (or the problem is infeasible). */
    public static final int INVALID = 1;
    /** The input could not be read, or the command line is wrong. */
    public static final int USAGE = 2;
    /** An internal error: a bug in aisprint. */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
