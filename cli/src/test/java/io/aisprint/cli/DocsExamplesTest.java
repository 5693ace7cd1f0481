package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.testsupport.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command lines the README and docs show are real: every one names commands and options that
 * exist (parsed by the same command line the launcher builds), and the quick ones, which need no
 * server, cluster or long run, are run and succeed on a fresh clone.
 */
class DocsExamplesTest {
    /** A placeholder the reader fills in (HOST:PORT, APP, FILE, ...) or shell syntax we cannot replay. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\b[A-Z][A-Z_]{1,}\\b|\\.\\.\\.|…|[<>|$`&;]|\\[|\\]|\\\\$");
    /** Commands quick and self-contained enough to run here: first words after "aisprint". */
    private static final List<String> RUN = List.of("validate", "evaluate", "gpu schedule", "monitor check-rules", "help");

    record Example(Path file, int line, String text) {
        List<String> args() {
            String command = text.replaceFirst("^\\./aisprint\\s+|^aisprint\\s+", "");
            return List.of(CommandLine.Help.Ansi.OFF.string(command).trim().split("\\s+"));
        }
    }

    static List<Example> examples() throws IOException {
        Path root = Examples.repositoryRoot();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<Example> found = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                boolean code = fenced || line.startsWith("    ");
                String text = line.strip().replaceFirst("\\s+#.*$", "").strip();
                if (code && (text.startsWith("./aisprint ") || text.startsWith("aisprint ")) && !PLACEHOLDER.matcher(text).find()) {
                    found.add(new Example(page, i + 1, text));
                }
            }
        }
        return found;
    }

    @Test
    void everyDocumentedCommandLineParses() throws IOException {
        List<Example> examples = examples();
        assertThat(examples).as("command lines found in README.md and docs/").hasSizeGreaterThan(15);
        List<String> broken = new ArrayList<>();
        for (Example example : examples) {
            try {
                Main.newCommandLine().parseArgs(example.args().toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                broken.add(Examples.repositoryRoot().relativize(example.file()) + ":" + example.line() + " `" + example.text() + "`: " + e.getMessage());
            }
        }
        assertThat(broken).as("documented command lines that do not parse").isEmpty();
    }

    @Test
    void theQuickOnesRunOnAFreshClone() throws IOException {
        int ran = 0;
        List<String> failed = new ArrayList<>();
        Path previous = Path.of("").toAbsolutePath();
        for (Example example : examples()) {
            String joined = String.join(" ", example.args());
            if (RUN.stream().noneMatch(joined::startsWith) || !example.text().contains("examples/") && !joined.startsWith("help")) {
                continue;
            }
            // The docs' paths are relative to the repository root, where a new user types them.
            List<String> args = example.args().stream()
                .map(arg -> arg.startsWith("examples/") || arg.startsWith("docs/") ? Examples.repositoryRoot().resolve(arg).toString() : arg)
                .toList();
            CliTestSupport.Outcome outcome = CliTestSupport.run(args.toArray(String[]::new));
            ran++;
            if (outcome.exitCode() != ExitCodes.OK) {
                failed.add(example.file().getFileName() + ":" + example.line() + " `" + example.text() + "` exited "
                    + outcome.exitCode() + ": " + outcome.err().lines().findFirst().orElse(""));
            }
        }
        assertThat(Path.of("").toAbsolutePath()).isEqualTo(previous);
        assertThat(failed).as("documented examples that fail").isEmpty();
        assertThat(ran).as("documented examples run").isGreaterThanOrEqualTo(4);
    }
}
