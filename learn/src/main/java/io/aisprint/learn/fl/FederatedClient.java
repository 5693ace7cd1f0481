package io.aisprint.learn.fl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.data.FashionMnist;
import io.aisprint.learn.data.ImageSet;
import io.aisprint.learn.data.Partitioning;
import io.aisprint.learn.nn.DjlNetwork;
import io.aisprint.learn.nn.ModelKind;
import io.aisprint.learn.nn.TrainingSettings;
import io.aisprint.learn.nn.Vectors;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import io.aisprint.learn.secagg.Protocol;
import io.aisprint.learn.secagg.Quantizer;
import io.aisprint.learn.secagg.SecureAggregationClient;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

/**
 * A federated client: registers its Ed25519 key, learns its data part and local training from
 * the server, then polls for tasks; for each round it is sampled in, it trains the global model
 * on its own part only and uploads the signed result. Its data never leaves the process. When
 * the server is unreachable (restarting) it keeps retrying for {@code giveUpSeconds}; when the
 * server no longer knows it (restarted) it registers again.
 */
public final class FederatedClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientSettings settings;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KeyPair keys = Signatures.newKeyPair();
    private Messages.Assignment assignment;
    private ImageSet train;
    private ImageSet part;
    private DjlNetwork network;
    private UpdateMessage previous;
    private int roundsTrained;
    private int lastRound;
    private boolean droppedOut;
    /** The last secure round's change Δ (after clipping), weight w and quantised input [w·Δ, w], for the tests. */
    private float[] lastChange;
    private double lastWeight;
    private int[] lastSecureInput;

    public FederatedClient(ClientSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs until the server says the run is done; returns the number of rounds this client trained. */
    public int run() {
        try {
            // The slow part (reading the whole training file, loading libtorch) comes before registering, so a
            // registered client is one ready to train when its first round opens.
            train = FashionMnist.load(settings.data(), "train");
            io.aisprint.learn.nn.Engines.pytorch();
            register();
            long lastContact = System.nanoTime();
            while (true) {
                HttpResponse<String> response;
                try {
                    response = http.send(HttpRequest.newBuilder(settings.server().resolve("/task?client=" + settings.name()))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    if (System.nanoTime() - lastContact > settings.giveUpSeconds() * 1e9) {
                        throw new LearnException(LearnErrorCode.RUN_FAILED, "The FL server " + settings.server() + " did not answer for "
                            + settings.giveUpSeconds() + " s: " + e.getMessage());
                    }
                    Thread.sleep(500);
                    continue;
                }
                lastContact = System.nanoTime();
                if (response.statusCode() == 404) {
                    register(); // the server restarted and forgot us: it may replay a round we sent to its previous run
                    lastRound = 0;
                    continue;
                }
                Messages.Task task = JSON.readValue(response.body(), Messages.Task.class);
                if (task.status().equals("done")) {
                    return roundsTrained;
                }
                if (task.status().equals("train") && task.round() == lastRound) {
                    Thread.sleep(500); // answered this round already (the server did not count it): a client trains a round once
                } else if (task.status().equals("train")) {
                    if (settings.dropAtRound() > 0 && task.round() >= settings.dropAtRound()) {
                        out.println(settings.name() + " dropping out at round " + task.round());
                        return roundsTrained;
                    }
                    train(task);
                    if (droppedOut) {
                        return roundsTrained;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return roundsTrained;
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.RUN_FAILED, "Cannot talk to the FL server " + settings.server() + ": " + e.getMessage(), e);
        } finally {
            if (network != null) {
                network.close();
            }
        }
    }

    private void register() throws IOException, InterruptedException {
        // after a server restart, ask for the part held before: a client's data does not change with the server
        int index = assignment != null ? assignment.index() : settings.index();
        String body = JSON.writeValueAsString(new Messages.Register(settings.name(), Signatures.encode(keys.getPublic()), index));
        long giveUp = System.nanoTime() + (long) (settings.giveUpSeconds() * 1e9);
        while (true) {
            try {
                HttpResponse<String> response = post("/register", body);
                if (response.statusCode() != 200) {
                    throw new LearnException(LearnErrorCode.RUN_FAILED, "The FL server refused the registration of " + settings.name() + ": "
                        + response.body());
                }
                Messages.Assignment given = JSON.readValue(response.body(), Messages.Assignment.class);
                if (assignment == null || assignment.index() != given.index()) {
                    load(given);
                }
                assignment = given;
                return;
            } catch (IOException e) {
                if (System.nanoTime() > giveUp) {
                    throw new LearnException(LearnErrorCode.RUN_FAILED, "Cannot reach the FL server " + settings.server() + " within "
                        + settings.giveUpSeconds() + " s: " + e.getMessage(), e);
                }
                Thread.sleep(300);
            }
        }
    }

    private void load(Messages.Assignment given) {
        int[] indices = Partitioning.parse(given.partition()).split(train.labels(), train.classes(), given.partitions(), given.seed())
            .get(given.index());
        if (given.examplesPerClient() > 0 && indices.length > given.examplesPerClient()) {
            indices = Arrays.copyOf(indices, given.examplesPerClient());
        }
        part = train.subset(indices);
        if (network != null) {
            network.close();
        }
        network = DjlNetwork.create(ModelKind.valueOf(given.model()), given.seed());
        out.printf("%s holds part %d of %d: %d examples%n", settings.name(), given.index(), given.partitions(), part.size());
    }

    private void train(Messages.Task task) throws IOException, InterruptedException {
        float[] global = FloatCodec.decode(task.parameters());
        network.setParameters(global);
        TrainingSettings local = new TrainingSettings(assignment.epochs(), assignment.batch(), assignment.learningRate(), assignment.mu(),
            assignment.dpSgdClip(), assignment.dpSgdNoise());
        network.train(part, local, new Random(assignment.seed() * 31 + task.round() * 1009L + assignment.index()));
        float[] trained = network.parameters();
        if (assignment.secureAggregation()) {
            secureRound(task.round(), poisoned(Vectors.subtract(trained, global), global, true));
            return;
        }
        boolean sendDelta = assignment.exchange().equals("delta");
        float[] values = poisoned(sendDelta ? Vectors.subtract(trained, global) : trained, global, sendDelta);
        UpdateMessage update = new UpdateMessage(settings.name(), task.round(), UUID.randomUUID().toString(), assignment.exchange(),
            part.size(), FloatCodec.encode(values), null);
        if (!settings.unsigned()) {
            update = update.withSignature(Signatures.sign(keys.getPrivate(), update.signedBytes()));
        }
        if (settings.straggle() > 0) {
            Thread.sleep((long) (settings.straggle() * 1000));
        }
        Messages.Verdict verdict;
        try {
            verdict = send(update);
        } catch (IOException e) {
            // The server went away mid-round (a restart): this round's work is lost, the polling loop finds the server again.
            out.printf("%s round %d: could not upload (%s); waiting for the server%n", settings.name(), task.round(), e.getMessage());
            return;
        }
        out.printf("%s round %d: %s%n", settings.name(), task.round(), verdict.accepted() ? "update accepted" : "update rejected: " + verdict.reason());
        if (settings.replay() && previous != null) {
            Messages.Verdict replayed = send(previous);
            out.printf("%s round %d: replay of round %d %s%n", settings.name(), task.round(), previous.round(),
                replayed.accepted() ? "accepted" : "rejected: " + replayed.reason());
        }
        previous = update;
        lastRound = task.round();
        roundsTrained++;
    }

    /**
     * This client's part of a secure round: advertise keys, share them, send the masked input
     * [w·Δ, w] (quantised), reveal the shares the server may have. A step the server closed
     * before this client answered it ends the client's part in the round.
     */
    private void secureRound(int round, float[] change) throws InterruptedException {
        double weight;
        if (assignment.clientClip() > 0) { // client-level DP: the clip the server cannot apply to a masked input, equal weights
            double scale = Math.min(1.0, assignment.clientClip() / Math.max(Vectors.norm(change), 1e-12));
            for (int i = 0; i < change.length; i++) {
                change[i] *= (float) scale;
            }
            weight = 1;
        } else {
            int most = assignment.examplesPerClient() > 0 ? assignment.examplesPerClient() : train.size();
            weight = Math.min(1.0, part.size() / (double) most);
        }
        float[] input = new float[change.length + 1];
        for (int i = 0; i < change.length; i++) {
            input[i] = (float) (weight * change[i]);
        }
        input[change.length] = (float) weight;
        String outcome;
        try {
            outcome = secureSteps(round, input);
        } catch (IOException e) {
            outcome = "could not reach the server (" + e.getMessage() + "); waiting for it";
        } catch (LearnException e) {
            outcome = "left the protocol: " + e.getMessage();
        }
        lastChange = change;
        lastWeight = weight;
        out.printf("%s round %d: secure aggregation %s%n", settings.name(), round, outcome);
        lastRound = round;
        roundsTrained++;
    }

    private String secureSteps(int round, float[] input) throws IOException, InterruptedException {
        SecureMessages.Phase phase = awaitStep(round, "keys");
        if (phase == null) {
            return "missed the round (keys step closed)";
        }
        SecureAggregationClient protocol = new SecureAggregationClient(settings.name(), phase.threshold(), new SecureRandom());
        String refused = postStep(round, "keys", JSON.writeValueAsString(protocol.advertise()));
        if (refused != null || (phase = awaitStep(round, "shares")) == null) {
            return refused != null ? "keys refused: " + refused : "missed the shares step";
        }
        List<Protocol.AdvertisedKeys> advertised = JSON.readValue(phase.payload(), new TypeReference<>() { });
        refused = postStep(round, "shares", JSON.writeValueAsString(protocol.shareKeys(advertised)));
        if (refused != null) {
            return "shares refused: " + refused;
        }
        if (settings.dropAfterSharing() > 0 && round >= settings.dropAfterSharing()) {
            droppedOut = true;
            return "dropping out after sharing keys";
        }
        if ((phase = awaitStep(round, "masked")) == null) {
            return "missed the masked step";
        }
        List<Protocol.EncryptedShares> mailbox = JSON.readValue(phase.payload(), new TypeReference<>() { });
        int[] quantised = new Quantizer(assignment.secureRange(), phase.clients()).encode(input);
        lastSecureInput = quantised.clone();
        Protocol.MaskedInput masked = protocol.maskedInput(mailbox, quantised);
        refused = postStep(round, "masked", JSON.writeValueAsString(new SecureMessages.Masked(SecureMessages.encodeWords(masked.masked()))));
        if (refused != null || (phase = awaitStep(round, "reveal")) == null) {
            return refused != null ? "masked input refused: " + refused : "missed the reveal step";
        }
        Protocol.UnmaskRequest request = JSON.readValue(phase.payload(), Protocol.UnmaskRequest.class);
        refused = postStep(round, "reveal", JSON.writeValueAsString(protocol.unmask(request)));
        return refused != null ? "reveal refused: " + refused : "masked input sent, shares revealed";
    }

    /** Polls until the server opens {@code step} of the round: its answer, or null when the step is closed to this client. */
    private SecureMessages.Phase awaitStep(int round, String step) throws IOException, InterruptedException {
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(settings.server().resolve("/secagg?client=" + settings.name()
                + "&round=" + round + "&step=" + step)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            SecureMessages.Phase phase = JSON.readValue(response.body(), SecureMessages.Phase.class);
            if (!phase.status().equals("wait")) {
                return phase.status().equals("go") ? phase : null;
            }
        }
    }

    /** Posts one signed step; null when accepted, else the server's reason. */
    private String postStep(int round, String step, String payload) throws IOException, InterruptedException {
        SecureMessages.Envelope envelope = new SecureMessages.Envelope(settings.name(), round, step, payload, null);
        if (!settings.unsigned()) {
            envelope = envelope.withSignature(Signatures.sign(keys.getPrivate(), envelope.signedBytes()));
        }
        HttpResponse<String> response = post("/secagg", JSON.writeValueAsString(envelope));
        try {
            Messages.Verdict verdict = JSON.readValue(response.body(), Messages.Verdict.class);
            return verdict.accepted() ? null : verdict.reason();
        } catch (IOException e) {
            return "HTTP " + response.statusCode() + " " + response.body();
        }
    }

    float[] lastChange() {
        return lastChange;
    }

    double lastWeight() {
        return lastWeight;
    }

    int[] lastSecureInput() {
        return lastSecureInput;
    }

    private float[] poisoned(float[] values, float[] global, boolean isDelta) {
        String poison = settings.poison();
        if (poison.isEmpty()) {
            return values;
        }
        if (poison.equals("nan")) {
            float[] copy = values.clone();
            copy[copy.length / 2] = Float.NaN;
            return copy;
        }
        if (poison.equals("shape")) {
            return Arrays.copyOf(values, values.length - 1);
        }
        float factor = poison.equals("oversize") ? 1e6f : Float.parseFloat(poison.substring("scale:".length()));
        float[] change = isDelta ? values : Vectors.subtract(values, global);
        for (int i = 0; i < change.length; i++) {
            change[i] *= factor;
        }
        return isDelta ? change : Vectors.add(global, change);
    }

    private Messages.Verdict send(UpdateMessage update) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/update", JSON.writeValueAsString(update));
        try {
            return JSON.readValue(response.body(), Messages.Verdict.class);
        } catch (IOException e) {
            return new Messages.Verdict(false, "HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        URI target = settings.server().resolve(path);
        return http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
