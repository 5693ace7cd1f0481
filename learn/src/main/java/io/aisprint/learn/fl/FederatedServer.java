package io.aisprint.learn.fl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.data.FashionMnist;
import io.aisprint.learn.data.ImageSet;
import io.aisprint.learn.nn.DjlNetwork;
import io.aisprint.learn.nn.Evaluation;
import io.aisprint.learn.privacy.RdpAccountant;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.PrintStream;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The federated server: an HTTP face on 127.0.0.1 (register, task, update, status) and a round
 * loop. Each round it samples clients among those registered (late joiners included), hands
 * them the global model, waits for their updates until all arrived or the round deadline passed
 * (stragglers and dropped clients simply miss the round), validates every update
 * ({@link UpdateValidator}), aggregates the accepted ones with the strategy, evaluates the new
 * model on the test set and checkpoints. Started on a checkpoint folder that holds a checkpoint,
 * it resumes from the round after the last one saved.
 */
public final class FederatedServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 1000;

    private final ServerSettings settings;
    private final PrintStream out;
    private final Javalin http;
    private final DjlNetwork network;
    private final ImageSet test;
    private final Aggregation aggregation;
    private final ServerOptimizer optimizer;
    private final UpdateValidator validator;
    private final Object lock = new Object();
    private final Map<String, PublicKey> keys = new TreeMap<>();
    private final Map<String, Integer> indices = new LinkedHashMap<>();
    private final List<RoundRecord> history = new ArrayList<>();
    private float[] global;
    private int openRound;
    private String openParameters;
    private List<String> sampled = List.of();
    private final Map<String, ClientUpdate> received = new LinkedHashMap<>();
    /** Sampled clients that answered this round with a signed update, accepted or not: the round stops waiting for them. */
    private final java.util.Set<String> answered = new java.util.HashSet<>();
    private final List<RoundRecord.Rejection> rejected = new ArrayList<>();
    private boolean finished;
    /** The open (or last) round's secure aggregation; null without it. */
    private SecureRound secure;
    private float[] lastSecureChange;

    private FederatedServer(ServerSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.aggregation = Aggregation.parse(settings.aggregation());
        this.optimizer = ServerOptimizer.forStrategy(settings.strategy(), settings.serverLearningRate());
        this.test = FashionMnist.load(settings.data(), "t10k").head(settings.testExamples());
        this.network = DjlNetwork.create(settings.model(), settings.seed());
        this.global = network.parameters();
        this.validator = new UpdateValidator(network.parameterCount(), settings.maxUpdateNorm());
        if (settings.checkpoint() != null) {
            Checkpoint.read(settings.checkpoint()).ifPresent(this::resume);
        }
        int bodyLimit = 64 * 1024 + network.parameterCount() * 8;
        this.http = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = bodyLimit;
        });
        http.post("/register", this::register);
        http.get("/task", this::task);
        http.post("/update", this::update);
        http.post("/secagg", this::secureMessage);
        http.get("/secagg", this::securePhase);
        http.get("/status", context -> {
            synchronized (lock) {
                context.json(Map.of("round", openRound, "registered", keys.keySet(), "finished", finished));
            }
        });
        http.exception(Exception.class, (error, context) -> context.status(400).json(new Messages.Verdict(false, "bad request: " + error.getMessage())));
    }

    /** Loads the test data and the model, binds the port (0: a free one). */
    public static FederatedServer start(ServerSettings settings, PrintStream out) {
        FederatedServer server = new FederatedServer(settings, out);
        try {
            server.http.start("127.0.0.1", settings.port());
        } catch (RuntimeException e) {
            server.network.close();
            throw new LearnException(LearnErrorCode.RUN_FAILED, "Cannot listen on 127.0.0.1:" + settings.port() + ": " + e.getMessage(), e);
        }
        out.println("listening http://127.0.0.1:" + server.http.port());
        out.flush();
        return server;
    }

    public int port() {
        return http.port();
    }

    private void resume(Checkpoint checkpoint) {
        if (!checkpoint.model().equals(settings.model().name())) {
            throw new LearnException(LearnErrorCode.CHECKPOINT, "The checkpoint in " + settings.checkpoint() + " holds a " + checkpoint.model()
                + ", this run trains a " + settings.model() + ".\nMaybe use another --checkpoint folder.");
        }
        global = FloatCodec.decode(checkpoint.parameters());
        network.setParameters(global);
        if (checkpoint.momentum() != null) {
            optimizer.restore(new float[][] {FloatCodec.decode(checkpoint.momentum()), FloatCodec.decode(checkpoint.variance())});
        }
        history.addAll(checkpoint.history());
        openRound = checkpoint.round();
        out.println("resumed from the checkpoint of round " + checkpoint.round());
    }

    /** Runs the remaining rounds and returns the whole run (earlier rounds of a resumed run included). */
    public RunResult run() {
        String stoppedEarly = null;
        long waitDeadline = System.nanoTime() + (long) (Math.max(120, settings.roundDeadline()) * 1e9);
        synchronized (lock) {
            while (keys.size() < Math.max(1, settings.minClients()) && System.nanoTime() < waitDeadline) {
                waitOn(POLL_MILLIS);
            }
            if (keys.isEmpty()) {
                throw new LearnException(LearnErrorCode.RUN_FAILED, "No client registered within " + Math.max(120, settings.roundDeadline())
                    + " s.\nMaybe start clients with: aisprint learn fl-client --server http://127.0.0.1:" + port());
            }
        }
        for (int round = openRound + 1; round <= settings.rounds(); round++) {
            double epsilonAfter = epsilonAfter(round);
            if (settings.targetEpsilon() > 0 && epsilonAfter > settings.targetEpsilon()) {
                stoppedEarly = String.format("round %d would spend epsilon %.4f > the target %.4f (delta %s)", round, epsilonAfter,
                    settings.targetEpsilon(), settings.delta());
                out.println("warning: stopping: " + stoppedEarly);
                break;
            }
            RoundRecord record = playRound(round, epsilonAfter);
            history.add(record);
            if (settings.checkpoint() != null) { // before the round is reported, so a reported round is never lost to a crash
                float[][] state = optimizer.state();
                new Checkpoint(round, settings.model().name(), FloatCodec.encode(global), state == null ? null : FloatCodec.encode(state[0]),
                    state == null ? null : FloatCodec.encode(state[1]), List.copyOf(history)).write(settings.checkpoint());
            }
            out.println(line(record));
            out.flush();
        }
        synchronized (lock) {
            finished = true;
            lock.notifyAll();
        }
        RoundRecord last = history.isEmpty() ? null : history.get(history.size() - 1);
        return new RunResult(List.copyOf(history), last == null ? Double.NaN : last.accuracy(), last == null ? Double.NaN : last.epsilon(),
            stoppedEarly);
    }

    private double epsilonAfter(int rounds) {
        if (!settings.clientLevelPrivacy()) {
            return Double.NaN;
        }
        double q = (double) settings.sampledPerRound() / settings.partitions();
        return RdpAccountant.epsilon(q, settings.clientNoise(), rounds, settings.delta(), RdpAccountant.OPACUS_ORDERS).epsilon();
    }

    private RoundRecord playRound(int round, double epsilon) {
        long start = System.nanoTime();
        List<ClientUpdate> updates;
        List<RoundRecord.Rejection> refused;
        List<String> chosen;
        SecureRound protocol = null;
        synchronized (lock) {
            chosen = sample(round);
            openRound = round;
            openParameters = FloatCodec.encode(global);
            sampled = chosen;
            received.clear();
            answered.clear();
            rejected.clear();
            lock.notifyAll();
            if (settings.secure().enabled()) {
                protocol = runSecureProtocol(round, chosen, start);
            }
            long deadline = start + (long) (settings.roundDeadline() * 1e9);
            while (protocol == null && answered.size() < chosen.size() && System.nanoTime() < deadline) {
                waitOn(Math.max(1, Math.min(POLL_MILLIS, (deadline - System.nanoTime()) / 1_000_000)));
            }
            updates = new ArrayList<>(received.values());
            refused = new ArrayList<>(rejected);
            sampled = List.of(); // the round is closed: late updates are refused from here on
        }
        if (protocol != null) {
            return finishSecureRound(protocol, epsilon, chosen, start, refused);
        }
        if (updates.size() >= settings.minUpdates()) {
            float[] change;
            Random noise = new Random(settings.seed() * 1_000_003L + round);
            if (settings.clientLevelPrivacy()) {
                ClientLevelPrivacy privacy = new ClientLevelPrivacy(settings.clientClip(), settings.clientNoise(), settings.sampledPerRound());
                change = privacy.noisyMean(privacy.clip(updates), noise);
            } else {
                change = aggregation.combine(updates);
            }
            applyChange(change);
        }
        List<String> used = updates.stream().map(ClientUpdate::client).toList();
        return evaluated(round, epsilon, start, chosen, used, refused);
    }

    private void applyChange(float[] change) {
        global = optimizer.apply(global, change);
        network.setParameters(global);
    }

    private RoundRecord evaluated(int round, double epsilon, long start, List<String> chosen, List<String> used,
                                  List<RoundRecord.Rejection> refused) {
        Evaluation evaluation = network.evaluate(test);
        return new RoundRecord(round, evaluation.accuracy(), evaluation.loss(), (System.nanoTime() - start) / 1e9, chosen, used, refused, epsilon);
    }

    /**
     * A round under secure aggregation (called holding the lock): the sampled clients train and
     * advertise keys until the round deadline; each later protocol step waits until all who took
     * part in the step before answered, or for another round deadline (a client gone after sharing
     * is unmasked from the others' Shamir shares). The server ends up with the sum of the
     * survivors' quantised inputs [w·Δ, w] and nothing else; the weighted mean Σw·Δ / Σw is
     * FedAvg's, and with client-level DP the clients clipped Δ to S with w = 1 and the server adds
     * the Gaussian noise to the sum.
     */
    private SecureRound runSecureProtocol(int round, List<String> chosen, long start) {
        SecureRound protocol = new SecureRound(round, chosen, settings.secure().threshold(), network.parameterCount() + 1);
        secure = protocol;
        lock.notifyAll();
        long deadline = start + (long) (settings.roundDeadline() * 1e9);
        while (!protocol.closed()) {
            while (!protocol.stepComplete() && System.nanoTime() < deadline) {
                waitOn(Math.max(1, Math.min(POLL_MILLIS, (deadline - System.nanoTime()) / 1_000_000)));
            }
            if (!protocol.advance()) {
                rejected.add(new RoundRecord.Rejection("secure-aggregation", round, protocol.failure()));
            }
            deadline = System.nanoTime() + (long) (settings.roundDeadline() * 1e9);
            lock.notifyAll();
        }
        return protocol;
    }

    /** Decodes the secure sum into the round's change, applies it and evaluates (outside the lock). */
    private RoundRecord finishSecureRound(SecureRound protocol, double epsilon, List<String> chosen, long start,
                                          List<RoundRecord.Rejection> refused) {
        int round = protocol.round();
        int[] sum = protocol.sum();
        List<String> used = sum == null ? List.of() : protocol.survivors();
        if (sum != null && used.size() >= settings.minUpdates()) {
            float[] decoded = new io.aisprint.learn.secagg.Quantizer(settings.secure().range(), protocol.clients()).decode(sum);
            int parameters = network.parameterCount();
            float[] change = new float[parameters];
            if (settings.clientLevelPrivacy()) {
                Random noise = new Random(settings.seed() * 1_000_003L + round);
                double deviation = settings.clientNoise() * settings.clientClip();
                for (int i = 0; i < parameters; i++) {
                    change[i] = (float) ((decoded[i] + noise.nextGaussian() * deviation) / settings.sampledPerRound());
                }
            } else {
                double weight = Math.max(decoded[parameters], 1e-12); // Σw > 0: every survivor's w is >= 1/60000, clipped nowhere
                for (int i = 0; i < parameters; i++) {
                    change[i] = (float) (decoded[i] / weight);
                }
            }
            synchronized (lock) {
                lastSecureChange = change;
            }
            applyChange(change);
        }
        out.printf("  secure aggregation round %d: t = %d, %d shared keys, summed %s%s%n", round, protocol.threshold(), protocol.clients(),
            used, protocol.droppedAfterSharing().isEmpty() ? "" : ", unmasked " + protocol.droppedAfterSharing() + " (dropped after sharing)");
        return evaluated(round, epsilon, start, chosen, used, refused);
    }

    /** The last secure round's protocol state (what the server held), for the tests. */
    SecureRound lastSecureRound() {
        synchronized (lock) {
            return secure;
        }
    }

    /** The change the last secure round applied (before the server optimiser), for the tests. */
    float[] lastSecureChange() {
        synchronized (lock) {
            return lastSecureChange == null ? null : lastSecureChange.clone();
        }
    }

    /** The round's sample: a seeded choice among the registered clients (all of them when clients-per-round is 0). */
    private List<String> sample(int round) {
        List<String> registered = new ArrayList<>(keys.keySet());
        int count = settings.clientsPerRound() == 0 ? registered.size() : Math.min(settings.clientsPerRound(), registered.size());
        Collections.shuffle(registered, new Random(settings.seed() * 7919L + round));
        List<String> chosen = new ArrayList<>(registered.subList(0, count));
        Collections.sort(chosen);
        return List.copyOf(chosen);
    }

    static String line(RoundRecord record) {
        String text = String.format("round %d accuracy %.4f loss %.4f seconds %.2f clients %d/%d", record.round(), record.accuracy(),
            record.loss(), record.seconds(), record.accepted().size(), record.sampled().size());
        if (!Double.isNaN(record.epsilon())) {
            text += String.format(" epsilon %.4f", record.epsilon());
        }
        for (RoundRecord.Rejection rejection : record.rejected()) {
            text += "\n  rejected " + rejection.client() + ": " + rejection.reason();
        }
        return text;
    }

    private void register(Context context) throws Exception {
        Messages.Register request = JSON.readValue(context.body(), Messages.Register.class);
        PublicKey key = request.publicKey() == null ? null : Signatures.decode(request.publicKey());
        if (request.client() == null || request.client().isBlank() || key == null) {
            context.status(400).json(new Messages.Verdict(false, "a registration needs a client name and an Ed25519 public key"));
            return;
        }
        synchronized (lock) {
            PublicKey known = keys.get(request.client());
            if (known != null && !known.equals(key)) {
                context.status(409).json(new Messages.Verdict(false, "client '" + request.client() + "' is registered with another key"));
                return;
            }
            int index = indices.computeIfAbsent(request.client(), name -> request.index() >= 0 ? request.index() % settings.partitions()
                : indices.size() % settings.partitions());
            keys.put(request.client(), key);
            lock.notifyAll();
            context.json(new Messages.Assignment(request.client(), index, settings.partitions(), settings.partition(), settings.seed(),
                settings.model().name(), settings.examplesPerClient(), settings.local().epochs(), settings.local().batchSize(),
                settings.local().learningRate(), settings.local().proximalMu(), settings.local().clipNorm(), settings.local().noiseMultiplier(),
                settings.exchange(), network.parameterCount(), settings.secure().enabled(), settings.secure().range(),
                settings.secure().enabled() && settings.clientLevelPrivacy() ? settings.clientClip() : 0));
        }
    }

    private void task(Context context) {
        String client = context.queryParam("client");
        long deadline = System.nanoTime() + POLL_MILLIS * 1_000_000;
        synchronized (lock) {
            if (!known(client, context)) {
                return;
            }
            while (true) {
                if (finished) {
                    context.json(new Messages.Task("done", openRound, null));
                    return;
                }
                if (sampled.contains(client) && !answered.contains(client)) {
                    context.json(new Messages.Task("train", openRound, openParameters));
                    return;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    context.json(new Messages.Task("wait", openRound, null));
                    return;
                }
                waitOn(left);
            }
        }
    }

    private void update(Context context) throws Exception {
        UpdateMessage update = JSON.readValue(context.body(), UpdateMessage.class);
        synchronized (lock) {
            if (settings.secure().enabled()) {
                String reason = "this run uses secure aggregation: a plain update is refused (clients send masked inputs to /secagg)";
                rejected.add(new RoundRecord.Rejection(String.valueOf(update.client()), update.round(), reason));
                context.status(409).json(new Messages.Verdict(false, reason));
                return;
            }
            float[][] delta = new float[1][];
            String reason = validator.check(update, keys.get(update.client()), openRound, sampled.contains(update.client()),
                received.containsKey(update.client()), global, delta);
            if (reason != null) {
                rejected.add(new RoundRecord.Rejection(String.valueOf(update.client()), update.round(), reason));
                if (validator.signedBy(update, keys.get(update.client())) && update.round() == openRound && sampled.contains(update.client())) {
                    answered.add(update.client()); // a signed but bad update is its client's answer; a forged one answers for nobody
                    lock.notifyAll();
                }
                context.status(reason.startsWith("unknown client") ? 404 : 409).json(new Messages.Verdict(false, reason));
                return;
            }
            received.put(update.client(), new ClientUpdate(update.client(), update.round(), delta[0], update.examples()));
            answered.add(update.client());
            lock.notifyAll();
            context.json(new Messages.Verdict(true, null));
        }
    }

    private void secureMessage(Context context) throws Exception {
        SecureMessages.Envelope envelope = JSON.readValue(context.body(), SecureMessages.Envelope.class);
        synchronized (lock) {
            if (secure == null || secure.closed() || secure.round() != openRound) {
                context.status(409).json(new Messages.Verdict(false, "no secure-aggregation round is open"));
                return;
            }
            PublicKey key = keys.get(envelope.client());
            boolean expected = secure.expects(String.valueOf(envelope.client()));
            String reason = secure.accept(envelope, key);
            if (reason != null) {
                rejected.add(new RoundRecord.Rejection(String.valueOf(envelope.client()), envelope.round(), reason));
                context.status(reason.startsWith("unknown client") ? 404 : 409).json(new Messages.Verdict(false, reason));
                return;
            }
            if (expected && envelope.step().equals("keys")) {
                answered.add(envelope.client()); // its task is taken: the client is in this round's protocol
            }
            lock.notifyAll();
            context.json(new Messages.Verdict(true, null));
        }
    }

    private void securePhase(Context context) throws Exception {
        String client = context.queryParam("client");
        String step = String.valueOf(context.queryParam("step"));
        int round;
        try {
            round = Integer.parseInt(String.valueOf(context.queryParam("round")));
        } catch (NumberFormatException e) {
            context.status(400).json(new Messages.Verdict(false, "round must be a whole number"));
            return;
        }
        long deadline = System.nanoTime() + POLL_MILLIS * 1_000_000;
        synchronized (lock) {
            if (!known(client, context)) {
                return;
            }
            while (true) {
                SecureMessages.Phase phase = secure == null ? new SecureMessages.Phase(round > openRound ? "wait" : "closed", round, 0, 0, null)
                    : secure.round() < round ? new SecureMessages.Phase("wait", round, 0, 0, null) : secure.poll(client, round, step);
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (!phase.status().equals("wait") || left <= 0 || finished) {
                    context.json(phase);
                    return;
                }
                waitOn(left);
            }
        }
    }

    /** Whether the client is registered; answers 404 when not (the client registers again). Holding the lock. */
    private boolean known(String client, Context context) {
        if (client == null || !keys.containsKey(client)) {
            context.status(404).json(new Messages.Verdict(false, "unknown client '" + client + "' (register first)"));
            return false;
        }
        return true;
    }

    private void waitOn(long millis) {
        try {
            lock.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LearnException(LearnErrorCode.RUN_FAILED, "interrupted while waiting for clients", e);
        }
    }

    /** Keeps answering "done" for a moment so polling clients learn the run is over, then stops. */
    @Override
    public void close() {
        try {
            Thread.sleep(finished ? 2 * POLL_MILLIS : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop();
        network.close();
    }
}
