package io.aisprint.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aisprint.learn.privacy.RdpAccountant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real server and client JVMs on loopback, with client-level DP-FedAvg and a target ε. */
class FederationProcessesTest {

    @Test
    void clientLevelDpReportsEpsilonPerRoundAndStopsAtTheTarget(@TempDir Path work) {
        // q = 2/3, σ = 1, δ = 1e-5: ε is 4.24 after one round, 6.07 after two, 7.49 after three; the target 7 stops before round 3.
        ServerSettings settings = Federations.settings("--rounds", "3", "--clients-per-round", "2", "--client-clip", "1",
            "--client-noise", "1.0", "--target-epsilon", "7", "--examples-per-client", "300", "--test-examples", "500");
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        RunResult result = LocalFederation.run(settings, 3, work, new PrintStream(shown, true, StandardCharsets.UTF_8), Duration.ofMinutes(5));
        Federations.withLogs(work, () -> {
            assertThat(result.rounds()).hasSize(2);
            assertThat(result.rounds()).allSatisfy(round -> {
                assertThat(round.sampled()).hasSize(2);
                assertThat(round.accepted()).hasSize(2);
            });
            assertThat(result.rounds().get(0).epsilon()).isCloseTo(4.2386, within(1e-3));
            assertThat(result.epsilon()).isCloseTo(RdpAccountant.epsilon(2 / 3.0, 1.0, 2, 1e-5, RdpAccountant.OPACUS_ORDERS).epsilon(), within(1e-9));
            assertThat(result.stoppedEarly()).contains("round 3 would spend epsilon 7.49").contains("target 7");
            assertThat(shown.toString(StandardCharsets.UTF_8)).contains("round 1 accuracy", "epsilon 4.2386", "warning: stopping");
            assertThat(RunReport.toJsonText(result, 1e-5)).contains("\"epsilon\" : 6.069", "\"final_accuracy\"");
        });
    }
}
