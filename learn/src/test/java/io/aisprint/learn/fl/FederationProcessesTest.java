package io.aisprint.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real server and client JVMs on loopback. */
class FederationProcessesTest {

    @Test
    void threeClientProcessesTrainTheGlobalModel(@TempDir Path work) {
        ServerSettings settings = Federations.settings();
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        RunResult result = LocalFederation.run(settings, 3, work, new PrintStream(shown, true, StandardCharsets.UTF_8), Duration.ofMinutes(4));
        assertThat(result.rounds()).hasSize(3);
        assertThat(result.rounds()).allSatisfy(round -> assertThat(round.accepted()).hasSize(3));
        assertThat(result.rounds().get(0).accuracy()).isGreaterThan(0.5);
        assertThat(result.finalAccuracy()).isGreaterThan(result.rounds().get(0).accuracy() - 0.02).isGreaterThan(0.65);
        assertThat(result.epsilon()).isNaN();
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("round 1 accuracy", "round 3 accuracy");
    }
}
