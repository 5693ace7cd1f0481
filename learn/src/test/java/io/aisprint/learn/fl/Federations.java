package io.aisprint.learn.fl;

import io.aisprint.learn.Requirements;
import java.util.ArrayList;
import java.util.List;

/** Small, fast federations for the process tests: few examples, small test set. */
final class Federations {
    private Federations() {
    }

    /** Every log of a federation's work folder, for a failing assertion's message. */
    static String logs(java.nio.file.Path work) {
        StringBuilder text = new StringBuilder();
        try (var files = java.nio.file.Files.list(work)) {
            for (java.nio.file.Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = java.nio.file.Files.readAllLines(log);
                text.append("\n== ").append(log.getFileName()).append('\n')
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
            }
        } catch (java.io.IOException e) {
            text.append("(cannot read logs: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    /** Runs the checks; when one fails, its message carries every process's log. */
    static void withLogs(java.nio.file.Path work, Runnable checks) {
        try {
            checks.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + logs(work), e);
        }
    }

    /** Settings from defaults plus {@code --key value} overrides. */
    static ServerSettings settings(String... overrides) {
        Requirements.fashionMnist();
        Requirements.assumePyTorch();
        List<String> arguments = new ArrayList<>(List.of("--rounds", "3", "--partitions", "3", "--examples-per-client", "600",
            "--test-examples", "1000", "--round-deadline", "60"));
        arguments.addAll(List.of(overrides));
        return ServerSettings.fromArguments(arguments);
    }
}
