package io.aisprint.runtime.internal;

import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.ExternalCommand;
import io.aisprint.runtime.ProcessResult;
import io.aisprint.runtime.TaskRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs an external command for a task, with file placeholders replaced by physical paths. */
final class ExternalRunner {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

    private ExternalRunner() {
    }

    static ProcessResult run(TaskContextImpl context, ExternalCommand command) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>();
        for (String argument : command.command()) {
            Matcher matcher = PLACEHOLDER.matcher(argument);
            StringBuilder resolved = new StringBuilder();
            while (matcher.find()) {
                Path path = context.pathOfPlaceholder(matcher.group(1));
                matcher.appendReplacement(resolved, Matcher.quoteReplacement(path.toString()));
            }
            matcher.appendTail(resolved);
            arguments.add(resolved.toString());
        }
        Path stdout = Files.createTempFile("aisprint-task-", ".out");
        Path stderr = Files.createTempFile("aisprint-task-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(arguments).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            if (command.workingDir() != null) {
                builder.directory(command.workingDir().toFile());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new TaskRuntimeException(ErrorCode.TASK_FAILED, "task '" + context.taskName() + "': cannot start "
                        + arguments.get(0) + ": " + e.getMessage() + "\nMaybe check the program is installed and on PATH.", e);
            }
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException interrupted) {
                // Time-out or cancellation: the process must not outlive its task.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw interrupted;
            }
            ProcessResult result = new ProcessResult(exit, Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
            if (exit != 0 && command.failOnNonZeroExit()) {
                String tail = result.stderr().length() > 2000 ? result.stderr().substring(result.stderr().length() - 2000) : result.stderr();
                throw new TaskRuntimeException(ErrorCode.TASK_FAILED, "task '" + context.taskName() + "': " + String.join(" ", arguments)
                        + " exited with code " + exit + (tail.isBlank() ? "" : ":\n" + tail.strip()));
            }
            return result;
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
