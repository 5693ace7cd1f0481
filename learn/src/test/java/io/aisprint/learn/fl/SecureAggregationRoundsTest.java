package io.aisprint.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.data.FashionMnist;
import io.aisprint.learn.secagg.Quantizer;
import io.aisprint.learn.secagg.Uniformity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secure aggregation inside real federated rounds over HTTP: the server (and the clients, in
 * threads of this JVM so the test can look at both sides) run the masked protocol; the server's
 * change equals FedAvg's up to quantisation, a client gone after sharing is unmasked exactly, and
 * what the server holds of one client does not resemble that client's input.
 */
class SecureAggregationRoundsTest {

    /** A server and its clients in this JVM, one round; returns the server after its run (closed). */
    private record Federation(FederatedServer server, List<FederatedClient> clients, RunResult result, String shown) {
    }

    /** A client to start once the server's port is known. */
    private record Named(String name, int index, int dropAfterSharing) {
        static Named of(String name, int index) {
            return new Named(name, index, 0);
        }

        Named dropAfterSharing(int round) {
            return new Named(name, index, round);
        }

        ClientSettings at(URI server) {
            return new ClientSettings(server, name, index, FashionMnist.DEBIAN_DIRECTORY, 0, 0, "", false, false, 60, dropAfterSharing);
        }
    }

    private static Federation runInProcess(ServerSettings settings, List<Named> builders) throws Exception {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(shown, true, StandardCharsets.UTF_8);
        try (FederatedServer server = FederatedServer.start(settings, out)) {
            URI address = URI.create("http://127.0.0.1:" + server.port());
            List<FederatedClient> clients = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (Named builder : builders) {
                FederatedClient client = new FederatedClient(builder.at(address), out);
                clients.add(client);
                Thread thread = new Thread(client::run, "client");
                thread.start();
                threads.add(thread);
            }
            RunResult result = server.run();
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(60).toMillis());
            }
            return new Federation(server, clients, result, shown.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSecureRoundGivesFedAvgsChangeWhileTheServerSeesOnlyMaskedInputs() throws Exception {
        ServerSettings settings = Federations.settings("--rounds", "1", "--partitions", "3", "--examples-per-client", "300",
            "--test-examples", "300", "--secure-aggregation", "true");
        Federation run = runInProcess(settings, List.of(Named.of("client-1", 0),
            Named.of("client-2", 1), Named.of("client-3", 2)));
        RoundRecord round = run.result().rounds().get(0);
        assertThat(round.accepted()).as(run.shown()).containsExactly("client-1", "client-2", "client-3");
        assertThat(round.rejected()).isEmpty();
        assertThat(run.shown()).contains("secure aggregation round 1: t = 2, 3 shared keys");

        // FedAvg on the clients' own changes (which the server never saw) against what the server derived from the masked sum.
        List<ClientUpdate> plain = new ArrayList<>();
        for (FederatedClient client : run.clients()) {
            plain.add(new ClientUpdate("c", 1, client.lastChange(), (int) Math.round(client.lastWeight() * 300)));
            assertThat(maxAbs(client.lastChange())).isLessThan((float) settings.secure().range()); // nothing was clipped
        }
        float[] fedAvg = new Aggregation.WeightedMean().combine(plain);
        float[] secure = run.server().lastSecureChange();
        double step = settings.secure().range() * 3 / (1 << 30); // the quantiser's step in the sum of 3
        double worst = 0;
        for (int i = 0; i < fedAvg.length; i++) {
            worst = Math.max(worst, Math.abs(fedAvg[i] - secure[i]));
        }
        assertThat(worst).isLessThan(3 * step + 1e-7).isGreaterThan(0); // equal up to quantisation (and float rounding)
        assertThat(maxAbs(fedAvg)).isGreaterThan(1e-3f);

        // What the server holds of client-2: no coordinate equal beyond chance, no correlation with its input, uniform top bytes.
        SecureRound held = run.server().lastSecureRound();
        int[] seen = held.maskedInputOf("client-2");
        int[] input = run.clients().get(1).lastSecureInput();
        int equal = 0;
        for (int i = 0; i < input.length; i++) {
            equal += seen[i] == input[i] ? 1 : 0;
        }
        assertThat(equal).isLessThan(3);
        assertThat(Math.abs(correlation(seen, input))).isLessThan(0.02);
        float[] seenAsChange = new Quantizer(settings.secure().range(), 3).decode(seen);
        assertThat(Math.abs(correlation(seenAsChange, run.clients().get(1).lastChange()))).isLessThan(0.02);
        assertThat(Uniformity.chiSquareOfTopBytes(seen)).isLessThan(400); // 255 degrees of freedom: p < 1e-7 above 400
        assertThat(Uniformity.chiSquareOfTopBytes(input)).isGreaterThan(10_000); // the test can tell: the plain input is far from uniform
    }

    @Test
    void aClientDroppingAfterSharingIsUnmaskedAndTheSumOfTheOthersIsExact() throws Exception {
        ServerSettings settings = Federations.settings("--rounds", "1", "--partitions", "4", "--examples-per-client", "200",
            "--test-examples", "300", "--secure-aggregation", "true", "--round-deadline", "20");
        Federation run = runInProcess(settings, List.of(Named.of("client-1", 0),
            Named.of("client-2", 1), Named.of("client-3", 2),
            Named.of("client-4", 3).dropAfterSharing(1)));
        RoundRecord round = run.result().rounds().get(0);
        SecureRound held = run.server().lastSecureRound();
        assertThat(round.accepted()).as(run.shown()).containsExactly("client-1", "client-2", "client-3");
        assertThat(held.droppedAfterSharing()).containsExactly("client-4");
        assertThat(held.threshold()).isEqualTo(3);
        assertThat(run.shown()).contains("client-4 round 1: secure aggregation dropping out after sharing keys",
            "unmasked [client-4] (dropped after sharing)");
        int[] expected = new int[held.sum().length];
        for (FederatedClient client : run.clients().subList(0, 3)) {
            int[] input = client.lastSecureInput();
            for (int i = 0; i < expected.length; i++) {
                expected[i] += input[i]; // modulo 2^32, as the protocol sums
            }
        }
        assertThat(held.sum()).containsExactly(expected);
        assertThat(run.result().finalAccuracy()).isGreaterThan(0.3);
    }

    @Test
    void processesRunSecureRoundsEndToEnd(@TempDir Path work) {
        ServerSettings settings = Federations.settings("--rounds", "2", "--partitions", "3", "--examples-per-client", "300",
            "--test-examples", "500", "--secure-aggregation", "true", "--client-clip", "5", "--client-noise", "0.01");
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        RunResult result = LocalFederation.run(settings, 3, work, new PrintStream(shown, true, StandardCharsets.UTF_8), Duration.ofMinutes(5));
        Federations.withLogs(work, () -> {
            assertThat(result.rounds()).hasSize(2).allSatisfy(round -> {
                assertThat(round.accepted()).hasSize(3);
                assertThat(round.rejected()).isEmpty();
            });
            assertThat(shown.toString(StandardCharsets.UTF_8)).contains("secure aggregation round 2: t = 2, 3 shared keys");
            assertThat(result.finalAccuracy()).isGreaterThan(0.5);
            assertThat(result.epsilon()).isPositive(); // client-level DP still accounted: noise added at the server on the sum
        });
    }

    @Test
    void optionsThatNeedIndividualUpdatesAreRefused() {
        for (String rule : List.of("median", "trimmed-mean:0.2", "krum:1", "multi-krum:1:2")) {
            assertThatThrownBy(() -> ServerSettings.fromArguments(List.of("--secure-aggregation", "true", "--aggregation", rule)))
                .isInstanceOf(LearnException.class).hasMessageContaining("cannot be combined with --secure-aggregation")
                .hasMessageContaining("only the masked sum")
                .satisfies(e -> assertThat(((LearnException) e).code()).isEqualTo(LearnErrorCode.INVALID_OPTION));
        }
        assertThatThrownBy(() -> ServerSettings.fromArguments(List.of("--secure-aggregation", "true", "--secagg-threshold", "1")))
            .isInstanceOf(LearnException.class).hasMessageContaining("--secagg-threshold 1");
        assertThatThrownBy(() -> ServerSettings.fromArguments(List.of("--secure-aggregation", "yes")))
            .isInstanceOf(LearnException.class).hasMessageContaining("--secure-aggregation 'yes' is neither true nor false");
        ServerSettings dp = ServerSettings.fromArguments(List.of("--secure-aggregation", "true", "--client-clip", "1", "--client-noise", "1"));
        assertThat(dp.secure().enabled()).isTrue();
        assertThat(ServerSettings.fromArguments(dp.toArguments())).isEqualTo(dp);
    }

    private static float maxAbs(float[] values) {
        float most = 0;
        for (float value : values) {
            most = Math.max(most, Math.abs(value));
        }
        return most;
    }

    private static double correlation(int[] a, int[] b) {
        return pearson(java.util.Arrays.stream(a).asDoubleStream().toArray(), java.util.Arrays.stream(b).asDoubleStream().toArray());
    }

    /** Over b's length (a may hold one more word: the weight). */
    private static double correlation(float[] a, float[] b) {
        double[] x = new double[b.length];
        double[] y = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            x[i] = a[i];
            y[i] = b[i];
        }
        return pearson(x, y);
    }

    private static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
