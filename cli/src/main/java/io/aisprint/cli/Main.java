package io.aisprint.cli;

import picocli.CommandLine;

/** Entry point of the {@code aisprint} launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code, without exiting (used by tests). */
    public static int execute(String... args) {
        CommandLine commandLine = newCommandLine();
        int code = commandLine.execute(args);
        // print() does not flush an auto-flushing writer; output written last must not be lost.
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return code;
    }

    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new AisprintCommand());
        commandLine.setExecutionExceptionHandler(new UserErrorHandler());
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            int code = UserErrorHandler.report(cmd, java.util.Arrays.asList(args).contains("--json"), "usage", ex.getMessage(), ExitCodes.USAGE);
            cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return code;
        });
        CommandSummaries.install(commandLine);
        return commandLine;
    }
}
