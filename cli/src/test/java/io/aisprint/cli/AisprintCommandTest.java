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
    void versionNamesTheProduct() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("--version");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).startsWith("aisprint ");
    }
}
