package io.aisprint.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns any exception that escapes a sub-command into one clear line and an exit code. Each
 * module's error type carries a user-facing message; anything else is a bug, reported as such
 * without a stack trace unless {@code AISPRINT_DEBUG} is set.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (ex instanceof UserFacingException userError) {
            err.println("error: " + userError.getMessage());
            return userError.exitCode();
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println("error: " + message);
        if (System.getenv("AISPRINT_DEBUG") != null) {
            ex.printStackTrace(err);
        } else {
            err.println("This is a bug in aisprint; set AISPRINT_DEBUG=1 to see the details.");
        }
        return ExitCodes.INTERNAL;
    }
}
