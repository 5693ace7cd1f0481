package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AisprintCommandTest {

    @Test
    void helpTeachesTheThreeNouns() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("--help");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("Application", "Continuum", "Placement", "Exit codes");
    }

    @Test
    void unknownCommandIsAUsageErrorWithoutStackTrace() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("no-such-command");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("no-such-command").doesNotContain("Exception", "\tat ");
    }

    @Test
    void everyCommandListShowsWholeSentences() {
        // Every command with sub-commands, at every depth: each summary ends a sentence.
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Main.newCommandLine()));
        int lists = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine command = todo.pop();
            if (command.getSubcommands().isEmpty()) {
                continue;
            }
            lists++;
            String[] path = command.getCommandSpec().qualifiedName(" ").replaceFirst("^aisprint ?", "").split(" ");
            String[] args = path[0].isEmpty() ? new String[] {"--help"} : java.util.stream.Stream.concat(
                java.util.Arrays.stream(path), java.util.stream.Stream.of("--help")).toArray(String[]::new);
            String help = CliTestSupport.run(args).out();
            String list = help.substring(help.indexOf("Commands:"));
            for (picocli.CommandLine sub : command.getSubcommands().values()) {
                String summary = CommandSummaries.summary(sub.getCommandSpec());
                assertThat(summary).as(sub.getCommandSpec().qualifiedName()).matches("(?s).*[.!?]$");
                assertThat(list.replaceAll("\\s+", " ")).as(sub.getCommandSpec().qualifiedName()).contains(summary);
            }
            todo.addAll(command.getSubcommands().values());
        }
        assertThat(lists).isGreaterThanOrEqualTo(4);
        assertThat(CliTestSupport.run("--help").out()).containsOnlyOnce("Commands:");
    }

    @Test
    void helpFollowsANestedCommandPath() {
        CliTestSupport.Outcome nested = CliTestSupport.run("help", "gpu", "simulate");
        assertThat(nested.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(nested.out()).startsWith("Usage: aisprint gpu simulate");
        CliTestSupport.Outcome unknown = CliTestSupport.run("help", "gpu", "moon");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("'moon' is not a command of 'aisprint gpu'");
    }

    @Test
    void withJsonAnErrorIsAJsonObjectOnStandardOutput() throws Exception {
        CliTestSupport.Outcome missing = CliTestSupport.run("design", "/nonexistent/app", "--json");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        com.fasterxml.jackson.databind.JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(missing.out()).get("error");
        assertThat(error.get("exit_code").asInt()).isEqualTo(ExitCodes.USAGE);
        assertThat(error.get("message").asText()).contains("/nonexistent/app");
        assertThat(error.get("code").asText()).isNotBlank();

        CliTestSupport.Outcome badOption = CliTestSupport.run("design", "x", "--lambda", "abc", "--json");
        assertThat(badOption.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(badOption.out()).at("/error/code").asText()).isEqualTo("usage");

        CliTestSupport.Outcome text = CliTestSupport.run("design", "/nonexistent/app");
        assertThat(text.out()).isEmpty();
        assertThat(text.err()).startsWith("error: ");
    }

    @Test
    void versionNamesTheProduct() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("--version");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).startsWith("aisprint ");
    }
}
