package io.aisprint.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: a client that drops out, a straggler slower than the round deadline, a
 * client that joins late, and a server killed with -9 after round 2 and restarted on its
 * checkpoint folder. The run finishes all rounds, resuming where the checkpoint left it.
 */
class FederationResilienceTest {

    @Test
    void dropoutsStragglersLateJoinersAndAServerRestart(@TempDir Path work) throws Exception {
        Path checkpoint = work.resolve("checkpoint");
        ServerSettings settings = Federations.settings("--rounds", "4", "--partitions", "4", "--min-clients", "3",
            "--examples-per-client", "300", "--test-examples", "500", "--round-deadline", "30", "--checkpoint", checkpoint.toString());
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        try (LocalFederation federation = new LocalFederation(work, new PrintStream(shown, true, StandardCharsets.UTF_8))) {
            URI server = federation.startServer(settings);
            federation.startClient(ClientSettings.of(server, "steady"));
            federation.startClient(new ClientSettings(server, "dropper", -1, settings.data(), 0, 2, "", false, false, 120));
            federation.startClient(new ClientSettings(server, "straggler", -1, settings.data(), 45, 0, "", false, false, 120));
            waitFor(shown, "round 1 ");
            federation.startClient(new ClientSettings(server, "late", -1, settings.data(), 0, 0, "", false, false, 120));
            waitFor(shown, "round 2 ");
            federation.killServer();
            assertThat(Files.readString(checkpoint.resolve("server-checkpoint.json"))).contains("\"round\":2");
            federation.restartServer(new ServerSettings(settings.model(), settings.rounds(), settings.partitions(), 0, 2, 1,
                settings.roundDeadline(), settings.strategy(), settings.serverLearningRate(), settings.aggregation(), settings.local(),
                settings.exchange(), 0, 0, settings.delta(), 0, settings.partition(), settings.seed(), settings.examplesPerClient(),
                settings.testExamples(), settings.maxUpdateNorm(), settings.data(), checkpoint, server.getPort(), null));
            Federations.withLogs(work, () -> check(federation.awaitResult(Duration.ofMinutes(6)), shown));
        }
    }

    private static void check(RunResult result, ByteArrayOutputStream shown) {
        {

            assertThat(result.rounds()).extracting(RoundRecord::round).containsExactly(1, 2, 3, 4);
            RoundRecord first = result.rounds().get(0);
            assertThat(first.sampled()).containsExactly("dropper", "steady", "straggler");
            assertThat(first.accepted()).containsExactlyInAnyOrder("dropper", "steady"); // the straggler missed the deadline
            assertThat(first.seconds()).isGreaterThanOrEqualTo(29);
            // The late joiner was not there for round 1 but trains in a later round; the dropper never comes back.
            assertThat(result.rounds().subList(1, 4)).anyMatch(round -> round.accepted().contains("late"));
            assertThat(result.rounds().subList(1, 4)).allMatch(round -> !round.accepted().contains("dropper"));
            assertThat(result.rounds().get(3).accepted()).contains("steady"); // back after the restart
            // The straggler's update for one round reaches the server when the next one is open, and is refused.
            assertThat(result.rounds()).flatMap(RoundRecord::rejected)
                .anyMatch(r -> r.client().equals("straggler") && r.reason().matches("update for round \\d+ but round \\d+ is open.*"));
            assertThat(result.rounds()).allMatch(round -> !round.accepted().contains("straggler"));
            assertThat(shown.toString(StandardCharsets.UTF_8)).contains("resumed from the checkpoint of round 2");
            assertThat(result.finalAccuracy()).isGreaterThan(0.5);
        }
    }

    private static void waitFor(ByteArrayOutputStream shown, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!shown.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server never printed '" + text + "': " + shown.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(200);
        }
    }
}
