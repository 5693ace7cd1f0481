package io.aisprint.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code aisprint help [COMMAND [SUBCOMMAND ...]]}: picocli's own help command looks up one name
 * only, so {@code help gpu simulate} printed the help of {@code gpu}; this one follows the whole path.
 */
@Command(name = "help", helpCommand = true,
    description = {"Print the help of a command, e.g. 'aisprint help gpu simulate'."})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and sub-commands) to explain.")
    List<String> path = List.of();

    private CommandLine parent;
    private PrintWriter out;
    private PrintWriter err;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.parent = helpCommandLine.getParent();
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        CommandLine target = parent;
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                err.println("error: unknown command '" + String.join(" ", path) + "': '" + name + "' is not a command of '"
                    + target.getCommandSpec().qualifiedName() + "'.");
                err.println("Run '" + target.getCommandSpec().qualifiedName() + " --help' to list its commands.");
                return ExitCodes.USAGE;
            }
            target = next;
        }
        target.usage(out);
        return ExitCodes.OK;
    }
}
