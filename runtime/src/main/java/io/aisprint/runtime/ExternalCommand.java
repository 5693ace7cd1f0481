package io.aisprint.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A binary or script run as a task. Arguments may contain {@code {name}} placeholders, replaced
 * by the physical path of the file parameter declared with that name.
 *
 * @param command         program and arguments
 * @param workingDir      directory to run in, or null for the current one
 * @param failOnNonZeroExit whether a non-zero exit code is a task failure (otherwise it is returned)
 */
public record ExternalCommand(List<String> command, Path workingDir, boolean failOnNonZeroExit) {
    public ExternalCommand {
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a program");
        }
    }

    public static ExternalCommand of(String... command) {
        return new ExternalCommand(List.of(command), null, true);
    }

    public ExternalCommand inDirectory(Path dir) {
        return new ExternalCommand(command, dir, failOnNonZeroExit);
    }

    public ExternalCommand allowingNonZeroExit() {
        return new ExternalCommand(command, workingDir, false);
    }
}
