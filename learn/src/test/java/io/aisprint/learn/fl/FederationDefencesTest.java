package io.aisprint.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: two honest clients and one each sending NaN, a wrong shape, an oversized
 * change, an unsigned update, and one replaying its previous update. Every bad update is
 * rejected with its reason and the rounds go on with the honest ones.
 */
class FederationDefencesTest {

    @Test
    void badUpdatesAreRejectedWithAReasonAndTheRoundGoesOn(@TempDir Path work) {
        ServerSettings settings = Federations.settings("--rounds", "2", "--partitions", "6", "--examples-per-client", "300",
            "--test-examples", "500", "--round-deadline", "60", "--max-update-norm", "100");
        try (LocalFederation federation = new LocalFederation(work, new PrintStream(OutputStream.nullOutputStream()))) {
            URI server = federation.startServer(settings);
            ClientSettings honest = ClientSettings.of(server, "honest-1");
            federation.startClient(honest);
            federation.startClient(new ClientSettings(server, "replayer", -1, settings.data(), 0, 0, "", false, true, 60));
            for (String poison : List.of("nan", "shape", "oversize")) {
                federation.startClient(new ClientSettings(server, "poison-" + poison, -1, settings.data(), 0, 0, poison, false, false, 60));
            }
            federation.startClient(new ClientSettings(server, "unsigned", -1, settings.data(), 0, 0, "", true, false, 60));
            Federations.withLogs(work, () -> check(federation.awaitResult(Duration.ofMinutes(6))));
        }
    }

    private static void check(RunResult result) {
        {

            assertThat(result.rounds()).hasSize(2);
            RoundRecord first = result.rounds().get(0);
            assertThat(first.accepted()).containsExactlyInAnyOrder("honest-1", "replayer");
            assertThat(first.accuracy()).isGreaterThan(0.4);
            assertThat(reasons(first, "poison-nan")).anyMatch(r -> r.contains("NaN"));
            assertThat(reasons(first, "poison-shape")).anyMatch(r -> r.contains("shape mismatch"));
            assertThat(reasons(first, "poison-oversize")).anyMatch(r -> r.contains("oversized"));
            assertThat(reasons(first, "unsigned")).anyMatch(r -> r.contains("unsigned"));
            RoundRecord second = result.rounds().get(1);
            assertThat(second.accepted()).contains("honest-1", "replayer");
            assertThat(reasons(second, "replayer")).anyMatch(r -> r.contains("replayed"));
        }
    }

    private static List<String> reasons(RoundRecord record, String client) {
        return record.rejected().stream().filter(r -> r.client().equals(client)).map(RoundRecord.Rejection::reason).toList();
    }
}
