package io.aisprint.learn.fl;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.data.FashionMnist;
import io.aisprint.learn.data.Partitioning;
import io.aisprint.learn.nn.ModelKind;
import io.aisprint.learn.nn.TrainingSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything a federated server run is set up with; clients learn the training part from the
 * server when they register, so one place decides the model, the data split and the local steps.
 *
 * @param partitions        how many parts the training set is cut into (the federation's size N)
 * @param clientsPerRound   clients sampled per round (0: every registered client)
 * @param minClients        registered clients needed before the first round starts
 * @param minUpdates        accepted updates a round needs to change the model
 * @param roundDeadline     seconds a round waits for its sampled clients (stragglers miss it)
 * @param exchange          {@code model} (clients send weights) or {@code delta} (their change)
 * @param clientClip        DP-FedAvg clip norm S (0: no client-level DP)
 * @param clientNoise       DP-FedAvg noise multiplier σ
 * @param targetEpsilon     stop before a round would spend more than this ε (0: no target)
 * @param maxUpdateNorm     an update whose change is longer than this is rejected
 * @param secure            secure aggregation in the rounds (off: the server sees every update)
 */
public record ServerSettings(ModelKind model, int rounds, int partitions, int clientsPerRound, int minClients, int minUpdates,
                             double roundDeadline, String strategy, double serverLearningRate, String aggregation, TrainingSettings local,
                             String exchange, double clientClip, double clientNoise, double delta, double targetEpsilon, String partition,
                             long seed, int examplesPerClient, int testExamples, double maxUpdateNorm, Path data, Path checkpoint, int port,
                             Path result, SecureSettings secure) {

    static final Set<String> KEYS = Set.of("model", "rounds", "partitions", "clients-per-round", "min-clients", "min-updates",
        "round-deadline", "strategy", "server-lr", "aggregation", "epochs", "batch", "lr", "mu", "dp-sgd-clip", "dp-sgd-noise", "exchange",
        "client-clip", "client-noise", "delta", "target-epsilon", "partition", "seed", "examples-per-client", "test-examples",
        "max-update-norm", "data", "checkpoint", "port", "result", "secure-aggregation", "secagg-threshold", "secagg-range");

    /**
     * Secure aggregation (Bonawitz et al.) inside each round: clients send only masked,
     * quantised inputs and the server recovers only their weighted sum.
     *
     * @param enabled   on or off
     * @param threshold Shamir threshold t (0: max(2, ⌊m/2⌋ + 1) of the m sampled clients)
     * @param range     each coordinate of a client's weighted change is clipped to ±range before quantising
     */
    public record SecureSettings(boolean enabled, int threshold, double range) {
        public static final SecureSettings OFF = new SecureSettings(false, 0, 4.0);
    }

    /** The settings without secure aggregation (as before it existed). */
    public ServerSettings(ModelKind model, int rounds, int partitions, int clientsPerRound, int minClients, int minUpdates,
                          double roundDeadline, String strategy, double serverLearningRate, String aggregation, TrainingSettings local,
                          String exchange, double clientClip, double clientNoise, double delta, double targetEpsilon, String partition,
                          long seed, int examplesPerClient, int testExamples, double maxUpdateNorm, Path data, Path checkpoint, int port,
                          Path result) {
        this(model, rounds, partitions, clientsPerRound, minClients, minUpdates, roundDeadline, strategy, serverLearningRate, aggregation,
            local, exchange, clientClip, clientNoise, delta, targetEpsilon, partition, seed, examplesPerClient, testExamples, maxUpdateNorm,
            data, checkpoint, port, result, SecureSettings.OFF);
    }

    public ServerSettings {
        List<String> problems = new ArrayList<>();
        if (rounds < 1) {
            problems.add("--rounds " + rounds + " (expected >= 1)");
        }
        if (partitions < 1) {
            problems.add("--clients/--partitions " + partitions + " (expected >= 1)");
        }
        if (clientsPerRound < 0 || clientsPerRound > partitions) {
            problems.add("--clients-per-round " + clientsPerRound + " (expected 0..clients)");
        }
        if (minUpdates < 1 || !(roundDeadline > 0)) {
            problems.add("--min-updates " + minUpdates + " (>= 1) / --round-deadline " + roundDeadline + " (> 0 s)");
        }
        if (!exchange.equals("model") && !exchange.equals("delta")) {
            problems.add("--exchange " + exchange + " (expected model or delta)");
        }
        if (clientClip < 0 || clientNoise < 0 || (clientNoise > 0 && clientClip == 0) || !(delta > 0 && delta < 1)) {
            problems.add("--client-clip " + clientClip + " / --client-noise " + clientNoise + " / --delta " + delta
                + " (noise needs a clip norm > 0; 0 < delta < 1)");
        }
        if (!(maxUpdateNorm > 0) || testExamples < 1 || examplesPerClient < 0) {
            problems.add("--max-update-norm " + maxUpdateNorm + " (> 0) / --test-examples " + testExamples + " (>= 1) / --examples-per-client "
                + examplesPerClient + " (>= 0)");
        }
        if (secure == null) {
            secure = SecureSettings.OFF;
        }
        if (secure.enabled() && (secure.threshold() == 1 || secure.threshold() < 0 || secure.threshold() > sampledPerRound(clientsPerRound, partitions)
            || !(secure.range() >= 1))) {
            problems.add("--secagg-threshold " + secure.threshold() + " (expected 0 = automatic, or 2.." + sampledPerRound(clientsPerRound, partitions)
                + " sampled clients) / --secagg-range " + secure.range() + " (expected >= 1)");
        }
        if (!problems.isEmpty()) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "federated settings out of range: " + String.join("; ", problems) + ".");
        }
        Partitioning.parse(partition);
        if (secure.enabled() && !(Aggregation.parse(aggregation) instanceof Aggregation.WeightedMean)) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--aggregation " + aggregation + " cannot be combined with --secure-aggregation: "
                + "median, trimmed mean and Krum need every client's own update, and under secure aggregation the server sees only the "
                + "masked sum.\nMaybe use --aggregation fedavg (each client's change is then bounded by --secagg-range), or drop "
                + "--secure-aggregation.");
        }
        if (secure.enabled() && sampledPerRound(clientsPerRound, partitions) < 2) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--secure-aggregation needs at least 2 clients per round: the sum of one "
                + "client is its update.");
        }
        Aggregation.parse(aggregation);
        ServerOptimizer.forStrategy(strategy, serverLearningRate);
    }

    /** Defaults for a quick run: MLP, 5 clients, 10 rounds, FedAvg, one local epoch of 2,000 examples each. */
    public static ServerSettings defaults() {
        return new ServerSettings(ModelKind.MLP, 10, 5, 0, 5, 1, 60, "fedavg", Double.NaN, "fedavg", TrainingSettings.sgd(1, 32, 0.05),
            "model", 0, 0, 1e-5, 0, "iid", 42, 2000, 10_000, 1000, FashionMnist.DEBIAN_DIRECTORY, null, 0, null);
    }

    public boolean clientLevelPrivacy() {
        return clientNoise > 0;
    }

    /** Expected clients per round m (the DP-FedAvg denominator and q·N). */
    public int sampledPerRound() {
        return sampledPerRound(clientsPerRound, partitions);
    }

    private static int sampledPerRound(int clientsPerRound, int partitions) {
        return clientsPerRound == 0 ? partitions : clientsPerRound;
    }

    public List<String> toArguments() {
        return new ProcessArguments().put("model", model.name().toLowerCase(java.util.Locale.ROOT)).put("rounds", rounds)
            .put("partitions", partitions).put("clients-per-round", clientsPerRound).put("min-clients", minClients)
            .put("min-updates", minUpdates).put("round-deadline", roundDeadline).put("strategy", strategy)
            .put("server-lr", serverLearningRate).put("aggregation", aggregation).put("epochs", local.epochs()).put("batch", local.batchSize())
            .put("lr", local.learningRate()).put("mu", local.proximalMu()).put("dp-sgd-clip", local.clipNorm())
            .put("dp-sgd-noise", local.noiseMultiplier()).put("exchange", exchange).put("client-clip", clientClip)
            .put("client-noise", clientNoise).put("delta", delta).put("target-epsilon", targetEpsilon).put("partition", partition)
            .put("seed", seed).put("examples-per-client", examplesPerClient).put("test-examples", testExamples)
            .put("max-update-norm", maxUpdateNorm).put("data", data).put("checkpoint", checkpoint).put("port", port).put("result", result)
            .put("secure-aggregation", secure.enabled() ? "true" : null).put("secagg-threshold", secure.enabled() ? secure.threshold() : null)
            .put("secagg-range", secure.enabled() ? secure.range() : null).toList();
    }

    public static ServerSettings fromArguments(List<String> arguments) {
        ProcessArguments a = ProcessArguments.parse(arguments, KEYS);
        ServerSettings d = defaults();
        TrainingSettings local = new TrainingSettings(a.integer("epochs", d.local.epochs()), a.integer("batch", d.local.batchSize()),
            a.number("lr", d.local.learningRate()), a.number("mu", 0), a.number("dp-sgd-clip", 0), a.number("dp-sgd-noise", 0));
        int partitions = a.integer("partitions", d.partitions);
        String checkpoint = a.text("checkpoint", null);
        String result = a.text("result", null);
        return new ServerSettings(ModelKind.parse(a.text("model", "mlp")), a.integer("rounds", d.rounds), partitions,
            a.integer("clients-per-round", 0), a.integer("min-clients", partitions), a.integer("min-updates", 1),
            a.number("round-deadline", d.roundDeadline), a.text("strategy", d.strategy), a.number("server-lr", Double.NaN),
            a.text("aggregation", d.aggregation), local, a.text("exchange", d.exchange), a.number("client-clip", 0),
            a.number("client-noise", 0), a.number("delta", d.delta), a.number("target-epsilon", 0), a.text("partition", d.partition),
            (long) a.number("seed", d.seed), a.integer("examples-per-client", d.examplesPerClient), a.integer("test-examples", d.testExamples),
            a.number("max-update-norm", d.maxUpdateNorm), Path.of(a.text("data", d.data.toString())),
            checkpoint == null ? null : Path.of(checkpoint), a.integer("port", 0), result == null ? null : Path.of(result),
            new SecureSettings(a.flag("secure-aggregation"), a.integer("secagg-threshold", 0), a.number("secagg-range", SecureSettings.OFF.range())));
    }
}
