package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.fl.ClientSettings;
import io.aisprint.learn.fl.FederatedClient;
import io.aisprint.learn.fl.FederatedServer;
import io.aisprint.learn.fl.LocalFederation;
import io.aisprint.learn.fl.RunReport;
import io.aisprint.learn.fl.RunResult;
import io.aisprint.learn.fl.ServerSettings;
import io.aisprint.learn.privacy.RdpAccountant;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aisprint learn}: federated learning with differential privacy, and the privacy accountant. */
@Command(name = "learn", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    subcommands = {LearnCommand.Fl.class, LearnCommand.FlServer.class, LearnCommand.FlClient.class, LearnCommand.DpEpsilon.class,
        LearnCommand.Partition.class, LearnNasCommand.class},
    description = {
        "Federated learning on Fashion-MNIST (DJL + PyTorch on the CPU): a server and clients in separate",
        "processes, FedAvg/FedProx/FedAdam/FedYogi/FedAdagrad, robust aggregation (median, trimmed mean,",
        "Krum), client-level DP-FedAvg and sample-level DP-SGD with a Renyi-DP accountant, secure aggregation",
        "(--secure-aggregation); architecture search under latency and memory limits (learn nas). See docs/learn.md.",
    })
public final class LearnCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A learn error as a user-facing error: its code (lower case), message and exit code; the
     * handler prints it, as JSON too under --json ({@code json} and {@code out} are kept for callers).
     */
    static UserFacingException userError(LearnException error, boolean json, PrintWriter out) {
        int code = error.code() == LearnErrorCode.DATA_UNREADABLE || error.code() == LearnErrorCode.INVALID_OPTION
            || error.code() == LearnErrorCode.ENGINE_UNAVAILABLE ? ExitCodes.USAGE : ExitCodes.INVALID;
        return new UserFacingException(error.code().name().toLowerCase(java.util.Locale.ROOT), error.getMessage(), code);
    }

    /** The federated options shared by {@code fl} and {@code fl-server}, turned into the server's settings. */
    static final class FederationOptions {
        @Option(names = "--rounds", defaultValue = "10", description = "Rounds (default: ${DEFAULT-VALUE}).")
        int rounds;
        @Option(names = "--model", defaultValue = "mlp", description = "mlp or cnn (default: ${DEFAULT-VALUE}).")
        String model;
        @Option(names = "--strategy", defaultValue = "fedavg", description = "fedavg, fedprox, fedadam, fedyogi or fedadagrad (default: ${DEFAULT-VALUE}).")
        String strategy;
        @Option(names = "--mu", defaultValue = "0", description = "FedProx proximal weight mu (default: 0; 0.01 with --strategy fedprox when not given).")
        double mu;
        @Option(names = "--server-lr", description = "Server learning rate (default: 1 for fedavg/fedprox, 0.1 for the adaptive ones).")
        Double serverLearningRate;
        @Option(names = "--aggregation", defaultValue = "fedavg", description = "fedavg, median, trimmed-mean:BETA, krum:F or multi-krum:F:M (default: ${DEFAULT-VALUE}).")
        String aggregation;
        @Option(names = "--partition", defaultValue = "iid", description = "iid, dirichlet:ALPHA or shards:K (default: ${DEFAULT-VALUE}).")
        String partition;
        @Option(names = "--clients-per-round", defaultValue = "0", description = "Clients sampled per round (default: 0 = all registered).")
        int clientsPerRound;
        @Option(names = "--round-deadline", defaultValue = "120", description = "Seconds a round waits for its clients (default: ${DEFAULT-VALUE}).")
        double roundDeadline;
        @Option(names = "--min-updates", defaultValue = "1", description = "Accepted updates a round needs (default: ${DEFAULT-VALUE}).")
        int minUpdates;
        @Option(names = "--epochs", defaultValue = "1", description = "Local epochs per round (default: ${DEFAULT-VALUE}).")
        int epochs;
        @Option(names = "--batch", defaultValue = "32", description = "Local batch size (default: ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--lr", defaultValue = "0.05", description = "Local SGD learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate;
        @Option(names = "--exchange", defaultValue = "model", description = "model (clients send weights) or delta (their change) (default: ${DEFAULT-VALUE}).")
        String exchange;
        @Option(names = "--dp-clip", defaultValue = "0", description = "Client-level DP-FedAvg: clip norm S of each update (default: off).")
        double clientClip;
        @Option(names = "--dp-noise", defaultValue = "0", description = "Client-level DP-FedAvg: noise multiplier sigma (default: off).")
        double clientNoise;
        @Option(names = "--dp-sgd-clip", defaultValue = "0", description = "Sample-level DP-SGD on the clients: per-example clip norm (default: off).")
        double sgdClip;
        @Option(names = "--dp-sgd-noise", defaultValue = "0", description = "Sample-level DP-SGD noise multiplier (default: off).")
        double sgdNoise;
        @Option(names = "--delta", defaultValue = "1e-5", description = "The delta the epsilon is reported for (default: ${DEFAULT-VALUE}).")
        double delta;
        @Option(names = "--target-epsilon", defaultValue = "0", description = "Stop (with a warning) before a round would exceed this epsilon.")
        double targetEpsilon;
        @Option(names = "--examples-per-client", defaultValue = "2000", description = "Training examples per client, 0 = the whole part (default: ${DEFAULT-VALUE}).")
        int examplesPerClient;
        @Option(names = "--test-examples", defaultValue = "10000", description = "Test examples the server evaluates on (default: ${DEFAULT-VALUE}).")
        int testExamples;
        @Option(names = "--max-update-norm", defaultValue = "1000", description = "Reject updates whose change is longer (default: ${DEFAULT-VALUE}).")
        double maxUpdateNorm;
        @Option(names = "--seed", defaultValue = "42", description = "Seed of the model, the split and the sampling (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "/usr/share/datasets/fashion-mnist", description = "Fashion-MNIST IDX folder (default: ${DEFAULT-VALUE}).")
        Path data;
        @Option(names = "--checkpoint", paramLabel = "DIR", description = "Checkpoint folder; a restarted server resumes from it.")
        Path checkpoint;
        @Option(names = "--secure-aggregation", description = {"Secure aggregation (Bonawitz et al.) in every round: clients send only masked,",
            "quantised changes and the server learns just their weighted sum; clients gone after sharing keys are",
            "unmasked from Shamir shares. Not with --aggregation median/trimmed-mean/krum (they need each update);",
            "with --dp-clip/--dp-noise the clients clip and the server adds the noise to the sum."})
        boolean secureAggregation;
        @Option(names = "--secagg-threshold", defaultValue = "0", description = "Shamir threshold t: survivors needed to unmask (default: 0 = max(2, m/2 + 1) of m sampled).")
        int secaggThreshold;
        @Option(names = "--secagg-range", defaultValue = "4", description = "Each coordinate of a client's weighted change is clipped to +-R before quantising (default: ${DEFAULT-VALUE}).")
        double secaggRange;

        ServerSettings settings(int partitions, int port) {
            double proximal = mu == 0 && strategy.equalsIgnoreCase("fedprox") ? 0.01 : mu;
            List<String> arguments = new ArrayList<>(List.of("--rounds", "" + rounds, "--model", model, "--strategy", strategy, "--mu", "" + proximal,
                "--aggregation", aggregation, "--partition", partition, "--partitions", "" + partitions, "--min-clients", "" + partitions,
                "--clients-per-round", "" + clientsPerRound, "--round-deadline", "" + roundDeadline, "--min-updates", "" + minUpdates,
                "--epochs", "" + epochs, "--batch", "" + batch, "--lr", "" + learningRate, "--exchange", exchange, "--client-clip", "" + clientClip,
                "--client-noise", "" + clientNoise, "--dp-sgd-clip", "" + sgdClip, "--dp-sgd-noise", "" + sgdNoise, "--delta", "" + delta,
                "--target-epsilon", "" + targetEpsilon, "--examples-per-client", "" + examplesPerClient, "--test-examples", "" + testExamples,
                "--max-update-norm", "" + maxUpdateNorm, "--seed", "" + seed, "--data", data.toString(), "--port", "" + port));
            if (serverLearningRate != null) {
                arguments.addAll(List.of("--server-lr", "" + serverLearningRate));
            }
            if (checkpoint != null) {
                arguments.addAll(List.of("--checkpoint", checkpoint.toString()));
            }
            if (secureAggregation) {
                arguments.addAll(List.of("--secure-aggregation", "true", "--secagg-threshold", "" + secaggThreshold, "--secagg-range", "" + secaggRange));
            }
            return ServerSettings.fromArguments(arguments);
        }
    }

    @Command(name = "fl", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Run a whole federation on this machine: a server process and N client processes on loopback,",
            "each client training on its own part of Fashion-MNIST. Prints accuracy per round (and the",
            "client-level epsilon with --dp-noise).",
            "",
            "Examples:",
            "  aisprint learn fl --clients 5 --rounds 10",
            "  aisprint learn fl --clients 10 --rounds 20 --partition dirichlet:0.5 --strategy fedprox --json",
            "  aisprint learn fl --clients 10 --clients-per-round 5 --dp-clip 1 --dp-noise 1.0 --target-epsilon 8",
            "  aisprint learn fl --clients 5 --rounds 5 --secure-aggregation",
        })
    static final class Fl implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        FederationOptions options;
        @Option(names = "--clients", defaultValue = "5", description = "Client processes (default: ${DEFAULT-VALUE}).")
        int clients;
        @Option(names = "--work", paramLabel = "DIR", description = "Folder for the processes' logs and the result (default: a temporary folder).")
        Path work;
        @Option(names = "--timeout", defaultValue = "3600", description = "Seconds the whole run may take (default: ${DEFAULT-VALUE}).")
        long timeout;
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try {
                ServerSettings settings = options.settings(clients, 0);
                Path folder = work != null ? work : Files.createTempDirectory("aisprint-fl");
                PrintStream progress = json ? new PrintStream(OutputStream.nullOutputStream()) : new PrintStream(new WriterStream(out), true, StandardCharsets.UTF_8);
                RunResult result = LocalFederation.run(settings, clients, folder, progress, Duration.ofSeconds(timeout));
                if (json) {
                    out.println(RunReport.toJsonText(result, settings.delta()));
                } else {
                    String text = RunReport.toText(result, settings.delta());
                    out.println(text.substring(text.lastIndexOf("final accuracy")));
                    out.println("logs: " + folder);
                }
                out.flush();
                return ExitCodes.OK;
            } catch (LearnException e) {
                throw userError(e, json, out);
            }
        }
    }

    @Command(name = "fl-server", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Run the federated server alone on 127.0.0.1 (clients: aisprint learn fl-client). Prints a",
            "line per round; with --checkpoint DIR a restarted server resumes after its last round.",
            "",
            "Example:",
            "  aisprint learn fl-server --port 8470 --clients 3 --rounds 5 --checkpoint fl-state",
        })
    static final class FlServer implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        FederationOptions options;
        @Option(names = "--clients", defaultValue = "5", description = "The federation's size N: data parts, and clients awaited before round 1 (default: ${DEFAULT-VALUE}).")
        int clients;
        @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (default: 0 = a free one, printed).")
        int port;
        @Option(names = "--json", description = "Print the result as JSON at the end.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                ServerSettings settings = options.settings(clients, port);
                PrintStream stream = new PrintStream(new WriterStream(out), true, StandardCharsets.UTF_8);
                try (FederatedServer server = FederatedServer.start(settings, stream)) {
                    RunResult result = server.run();
                    out.println(json ? RunReport.toJsonText(result, settings.delta()) : RunReport.toText(result, settings.delta()));
                }
                return ExitCodes.OK;
            } catch (LearnException e) {
                throw userError(e, json, out);
            }
        }
    }

    @Command(name = "fl-client", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Run one federated client: it registers with the server, trains on its own part of the data",
            "each round it is sampled in, and uploads its signed update (masked, when the server runs with",
            "--secure-aggregation: the client learns that from the server). The data never leaves it.",
            "",
            "Example:",
            "  aisprint learn fl-client --server http://127.0.0.1:8470 --name phone-7",
        })
    static final class FlClient implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--server", required = true, description = "The server's address, http://127.0.0.1:PORT.")
        URI server;
        @Option(names = "--name", required = true, description = "This client's name (letters, digits, . _ -).")
        String name;
        @Option(names = "--index", defaultValue = "-1", description = "The data part to train on (default: the server assigns one).")
        int index;
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "/usr/share/datasets/fashion-mnist", description = "Fashion-MNIST IDX folder (default: ${DEFAULT-VALUE}).")
        Path data;
        @Option(names = "--give-up", defaultValue = "60", description = "Seconds without an answer from the server before giving up (default: ${DEFAULT-VALUE}).")
        double giveUp;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                ClientSettings settings = new ClientSettings(server, name, index, data, 0, 0, "", false, false, giveUp);
                int rounds = new FederatedClient(settings, new PrintStream(new WriterStream(out), true, StandardCharsets.UTF_8)).run();
                out.println(name + " done after training " + rounds + " rounds");
                return ExitCodes.OK;
            } catch (LearnException e) {
                throw userError(e, false, out);
            }
        }
    }

    @Command(name = "dp-epsilon", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "The (epsilon, delta) spent by N steps of the Poisson-subsampled Gaussian mechanism (DP-SGD, or",
            "DP-FedAvg rounds with q = sampled clients / all clients), by the Renyi-DP accountant as Opacus",
            "and TF-Privacy compute it.",
            "",
            "Example:",
            "  aisprint learn dp-epsilon --noise-multiplier 1.1 --sample-rate 0.004267 --steps 14062 --delta 1e-5",
        })
    static final class DpEpsilon implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--noise-multiplier", required = true, description = "sigma: noise deviation / clip norm.")
        double noiseMultiplier;
        @Option(names = "--sample-rate", required = true, description = "q: the probability each example (or client) is in a step.")
        double sampleRate;
        @Option(names = "--steps", required = true, description = "N: steps (or rounds).")
        long steps;
        @Option(names = "--delta", defaultValue = "1e-5", description = "delta (default: ${DEFAULT-VALUE}).")
        double delta;
        @Option(names = "--orders", defaultValue = "opacus", description = "RDP orders: opacus (1.1..10.9, 12..63) or tf-privacy (1.25..4.5, 5..63, 128, 256, 512) (default: ${DEFAULT-VALUE}).")
        String orders;
        @Option(names = "--json", description = "Print {\"epsilon\", \"order\"}.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                List<Double> grid = switch (orders) {
                    case "opacus" -> RdpAccountant.OPACUS_ORDERS;
                    case "tf-privacy" -> RdpAccountant.TF_PRIVACY_ORDERS;
                    default -> throw new LearnException(LearnErrorCode.INVALID_OPTION, "--orders '" + orders + "': expected opacus or tf-privacy.");
                };
                RdpAccountant.Spent spent = RdpAccountant.epsilon(sampleRate, noiseMultiplier, steps, delta, grid);
                if (json) {
                    ObjectNode node = JSON.createObjectNode();
                    node.put("epsilon", spent.epsilon());
                    node.put("order", spent.order());
                    node.put("delta", delta);
                    out.println(node.toPrettyString());
                } else {
                    out.printf("epsilon %.6f at order %s (delta %s)%n", spent.epsilon(), spent.order(), delta);
                }
                out.flush();
                return ExitCodes.OK;
            } catch (LearnException e) {
                throw userError(e, json, out);
            }
        }
    }

    @Command(name = "partition", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Show (or save) how the training set is split among N clients: the seeded split every FL client",
            "computes for itself. The saved file feeds bench/learn/reference.py, so the PyTorch reference",
            "trains on exactly the same examples.",
            "",
            "Example:",
            "  aisprint learn partition --clients 10 --partition dirichlet:0.5 --out parts.json",
        })
    static final class Partition implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--clients", defaultValue = "10", description = "Clients N (default: ${DEFAULT-VALUE}).")
        int clients;
        @Option(names = "--partition", defaultValue = "iid", description = "iid, dirichlet:ALPHA or shards:K (default: ${DEFAULT-VALUE}).")
        String partition;
        @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--examples-per-client", defaultValue = "0", description = "Keep only the first K examples of each part, as fl does (default: 0 = all).")
        int examplesPerClient;
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "/usr/share/datasets/fashion-mnist", description = "Fashion-MNIST IDX folder (default: ${DEFAULT-VALUE}).")
        Path data;
        @Option(names = "--out", paramLabel = "FILE", description = "Write {\"parts\": [[index, ...], ...]} here.")
        Path out;

        @Override
        public Integer call() throws Exception {
            PrintWriter writer = spec.commandLine().getOut();
            try {
                io.aisprint.learn.data.ImageSet train = io.aisprint.learn.data.FashionMnist.load(data, "train");
                List<int[]> parts = io.aisprint.learn.data.Partitioning.parse(partition).split(train.labels(), train.classes(), clients, seed);
                ObjectNode root = JSON.createObjectNode().put("partition", partition).put("seed", seed).put("clients", clients);
                com.fasterxml.jackson.databind.node.ArrayNode all = root.putArray("parts");
                for (int c = 0; c < parts.size(); c++) {
                    int[] part = examplesPerClient > 0 && parts.get(c).length > examplesPerClient
                        ? java.util.Arrays.copyOf(parts.get(c), examplesPerClient) : parts.get(c);
                    com.fasterxml.jackson.databind.node.ArrayNode indices = all.addArray();
                    int[] counts = new int[train.classes()];
                    for (int index : part) {
                        indices.add(index);
                        counts[train.labels()[index]]++;
                    }
                    writer.printf("client %d: %d examples, per class %s%n", c, part.length, java.util.Arrays.toString(counts));
                }
                if (out != null) {
                    Path temporary = Files.createTempFile(out.toAbsolutePath().getParent(), out.getFileName().toString(), ".tmp");
                    new ObjectMapper().writeValue(temporary.toFile(), root);
                    Files.move(temporary, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    writer.println("written " + out);
                }
                writer.flush();
                return ExitCodes.OK;
            } catch (LearnException e) {
                throw userError(e, false, writer);
            }
        }
    }

    /** Lets the learn module's PrintStream output go to picocli's writer. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter writer;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            writer.print(line.toString(StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        }
    }
}
