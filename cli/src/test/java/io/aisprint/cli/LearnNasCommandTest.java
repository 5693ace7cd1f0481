package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The refusals of {@code learn nas} that come before any training (the search itself: learn's NasSearchTest). */
class LearnNasCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUnknownTargetIsRefusedWithTheNearestKnownResource() throws Exception {
        CliTestSupport.Outcome outcome = CliTestSupport.run("learn", "nas", "--target", "VM-t3xlage", "--latency-limit", "0.002", "--json");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(JSON.readTree(outcome.out()).path("error").path("code").asText()).isEqualTo("invalid_option");
        assertThat(outcome.err()).contains("--target VM-t3xlage", "Maybe you meant \"VM-t3xlarge\"");
    }

    @Test
    void missingLimitsAndMisusedOptionsSayWhatToGive() throws Exception {
        assertThat(CliTestSupport.run("learn", "nas", "--target", "VM-t3xlarge").err()).contains("--latency-limit");
        assertThat(CliTestSupport.run("learn", "nas", "--latency-limit", "0.01").err()).contains("--target: give at least one");
        assertThat(CliTestSupport.run("learn", "nas", "--target", "VM-t3xlarge", "--latency-limit", "0.01", "--write-app").err())
            .contains("--write-app needs --app");
        assertThat(CliTestSupport.run("learn", "nas", "--target", "VM-t3xlarge", "--latency-limit", "0.01", "--speed", "JetsonNano=0.3").err())
            .contains("--speed JetsonNano");
        assertThat(CliTestSupport.run("learn", "nas", "--target", "VM-t3xlarge", "--latency-limit", "0.01", "--strategy", "evolution").err())
            .contains("expected popnas or random");
        assertThat(CliTestSupport.run("learn", "nas", "--target", "VM-t3xlarge", "--latency-limit", "0.01", "--dataset", "cifar10").err())
            .contains("expected fashion-mnist");
    }

    @Test
    void anApplicationGivesTheTargetsAndItsComponentIsChecked() throws Exception {
        Path app = Path.of("../examples/mask-detection");
        CliTestSupport.Outcome outcome = CliTestSupport.run("learn", "nas", "--app", app.toString(), "--component", "mask-detectr");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("Maybe you meant \"mask-detector\"");
        CliTestSupport.Outcome wrongTarget = CliTestSupport.run("learn", "nas", "--app", app.toString(), "--component", "blurry-faces",
            "--target", "VM-t3xlarge", "--latency-limit", "1");
        assertThat(wrongTarget.err()).contains("component blurry-faces's candidate resources", "RaspberryPi4");
    }

    @Test
    void theHelpHasAWorkingExample() throws Exception {
        assertThat(CliTestSupport.run("learn", "nas", "--help").out())
            .contains("aisprint learn nas --dataset fashion-mnist --target VM-t3xlarge --latency-limit", "--write-app", "--strategy");
    }
}
