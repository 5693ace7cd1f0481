package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.BindException;
import picocli.CommandLine;

/**
 * The one place where an error that escapes a sub-command becomes what the user sees: one clear
 * line on stderr and an exit code, and, when the command was asked for {@code --json}, the same
 * error as a JSON object on stdout ({@code {"error": {"code", "message", "exit_code"}}}). Each
 * module's error type carries a user-facing message; conditions of the user's machine (a busy
 * port) are named as such; anything else is a bug, reported as such without a stack trace unless
 * {@code AISPRINT_DEBUG} is set.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean json = wantsJson(parseResult);
        if (ex instanceof UserFacingException userError) {
            return report(commandLine, json, userError.code(), userError.getMessage(), userError.exitCode());
        }
        BindException busy = cause(ex, BindException.class);
        if (busy != null) {
            return report(commandLine, json, "port_in_use", "cannot listen: " + busy.getMessage()
                + " (another program holds the port; choose another one with --port, or stop that program)", ExitCodes.USAGE);
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        int code = report(commandLine, json, "internal", message, ExitCodes.INTERNAL);
        if (System.getenv("AISPRINT_DEBUG") != null) {
            ex.printStackTrace(err);
        } else {
            err.println("This is a bug in aisprint; set AISPRINT_DEBUG=1 to see the details.");
        }
        return code;
    }

    /** Prints the error on stderr (and as JSON on stdout when asked) and returns its exit code. */
    static int report(CommandLine commandLine, boolean json, String code, String message, int exitCode) {
        commandLine.getErr().println("error: " + message);
        if (json) {
            ObjectNode error = JSON.createObjectNode();
            error.putObject("error").put("code", code).put("message", message).put("exit_code", exitCode);
            commandLine.getOut().println(error.toPrettyString());
        }
        return exitCode;
    }

    /** True when the innermost command given on the command line was given {@code --json}. */
    static boolean wantsJson(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult innermost = parseResult;
        while (innermost.hasSubcommand()) {
            innermost = innermost.subcommand();
        }
        return innermost.hasMatchedOption("--json") && Boolean.TRUE.equals(innermost.matchedOptionValue("--json", false));
    }

    private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
