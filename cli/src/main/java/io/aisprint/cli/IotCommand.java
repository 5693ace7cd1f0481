package io.aisprint.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.security.iot.AccessContracts;
import io.aisprint.security.iot.Accounts;
import io.aisprint.security.iot.Chain;
import io.aisprint.security.iot.Deployment;
import io.aisprint.security.iot.EdgeDataApi;
import io.aisprint.security.iot.IotClient;
import io.aisprint.security.iot.IotException;
import io.aisprint.security.iot.ReadingStore;
import io.aisprint.security.iot.ReplayGuard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aisprint iot}: sensor data at the edge, readable only by requesters a smart contract authorises. */
@Command(name = "iot", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    subcommands = {IotCommand.Keygen.class, IotCommand.Deploy.class, IotCommand.Grant.class, IotCommand.Revoke.class, IotCommand.Status.class,
        IotCommand.Serve.class, IotCommand.Put.class, IotCommand.Read.class},
    description = {
        "Access control for IoT data by smart contracts on an Ethereum chain (after Zhang et al. 2019):",
        "a register contract, a judge contract (time-based penalties, doubling per repeat offence) and",
        "one access-control contract per resource (the owner's policy per requester plus a",
        "request-frequency misbehaviour check). The edge API keeps the readings off-chain and answers",
        "a signed request only after the contract's decision, which is a transaction and an event.",
        "",
        "  keygen   write a new account key file            deploy   register + judge contracts",
        "  grant    let an account read a resource          revoke   take it back",
        "  status   a requester's policy and penalties      serve    run the edge data API",
        "  put      store readings (as the owner)           read     read readings (as a requester)",
    })
public final class IotCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static UserFacingException userFacing(IotException e) {
        int code = switch (e.code()) {
            case INVALID_INPUT, REJECTED_BY_CONTRACT, UNSIGNED, BAD_SIGNATURE, REPLAYED -> ExitCodes.INVALID;
            case UNREADABLE, CHAIN_UNAVAILABLE, API_UNAVAILABLE, CONTRACTS_MISSING -> ExitCodes.USAGE;
        };
        return new UserFacingException(e.getMessage(), code);
    }

    /** The chain, the signing key and the deployment file: shared by the commands that talk to the contracts. */
    static final class ChainOptions {
        @Option(names = "--chain", defaultValue = "http://127.0.0.1:8545", description = "JSON-RPC URL of the chain. Default: ${DEFAULT-VALUE}.")
        String chainUrl;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "Private key file of the account that signs (see 'iot keygen').")
        Path keyFile;

        @Option(names = "--deployment", defaultValue = "iot-deployment.json", paramLabel = "FILE", description = "Where 'iot deploy' wrote the contract addresses. Default: ${DEFAULT-VALUE}.")
        Path deploymentFile;

        Credentials credentials() {
            return Accounts.keyFile(keyFile);
        }

        AccessContracts contracts(Chain chain) {
            return new AccessContracts(chain, Deployment.read(deploymentFile));
        }

        /** Runs {@code body} with a connection to the chain as the --key account, turning contract errors into CLI errors. */
        int withChain(java.util.function.ToIntFunction<Chain> body) {
            try (Chain connection = new Chain(chainUrl, credentials())) {
                return body.applyAsInt(connection);
            } catch (IotException e) {
                throw userFacing(e);
            }
        }
    }

    /** Which resource and which requester a policy command is about. */
    static final class SubjectOptions {
        @Option(names = "--resource", required = true)
        String resource;

        @Option(names = "--subject", required = true, paramLabel = "ADDRESS")
        String subject;
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true, description = {"Write a new secp256k1 account key to FILE (mode 600) and print its address.",
        "", "Example:", "  aisprint iot keygen --out owner.key"})
    static final class Keygen implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Override
        public Integer call() throws IOException {
            Credentials credentials = Accounts.generate();
            Path temporary = Files.createTempFile(out.toAbsolutePath().getParent(), out.getFileName().toString(), ".tmp");
            Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.writeString(temporary, org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64) + "\n");
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getOut().println(credentials.getAddress());
            return ExitCodes.OK;
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true, description = {"Deploy the register and judge contracts and write their addresses.",
        "", "Example:", "  aisprint iot deploy --key owner.key --penalty-seconds 60 --deployment iot-deployment.json"})
    static final class Deploy implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ChainOptions chain;

        @Option(names = "--penalty-seconds", defaultValue = "60", description = "First penalty; each repeat offence doubles it. Default: ${DEFAULT-VALUE}.")
        long penaltySeconds;

        @Override
        public Integer call() {
            return chain.withChain(connection -> {
                Deployment deployment = AccessContracts.deployShared(connection, penaltySeconds);
                deployment.save(chain.deploymentFile);
                spec.commandLine().getOut().printf("register %s%njudge    %s%nwritten to %s%n", deployment.register(), deployment.judge(), chain.deploymentFile);
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true, description = {
        "Let SUBJECT read RESOURCE. The first grant of a resource deploys its access-control contract",
        "(the --key account owns it) and registers it; --gateway names the edge API's account.",
        "", "Example:",
        "  aisprint iot grant --key owner.key --resource turbine-7/vibration --subject 0xREADER --gateway 0xGATEWAY --min-interval 2 --threshold 3"})
    static final class Grant implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ChainOptions chain;

        @Mixin
        SubjectOptions who;

        @Option(names = "--gateway", paramLabel = "ADDRESS", description = "The edge API's account (needed when the resource is new).")
        String gateway;

        @Option(names = "--min-interval", defaultValue = "1", description = "Requests closer together than this (seconds) count as too frequent. Default: ${DEFAULT-VALUE}.")
        long minInterval;

        @Option(names = "--threshold", defaultValue = "5", description = "Too-frequent requests before the judge penalises (0: never). Default: ${DEFAULT-VALUE}.")
        int threshold;

        @Override
        public Integer call() {
            return chain.withChain(connection -> {
                AccessContracts contracts = chain.contracts(connection);
                if (contracts.lookup(who.resource).isEmpty()) {
                    if (gateway == null) {
                        throw new UserFacingException("resource '" + who.resource + "' is new; give --gateway ADDRESS (the account 'iot serve' signs with)", ExitCodes.USAGE);
                    }
                    spec.commandLine().getOut().println("access-control contract of " + who.resource + ": " + contracts.createResource(who.resource, gateway));
                }
                contracts.grant(who.resource, who.subject, minInterval, threshold);
                spec.commandLine().getOut().println("granted " + who.subject + " read access to " + who.resource);
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = {"Take back SUBJECT's access to RESOURCE; its next request is denied.",
        "", "Example:", "  aisprint iot revoke --key owner.key --resource turbine-7/vibration --subject 0xREADER"})
    static final class Revoke implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ChainOptions chain;

        @Mixin
        SubjectOptions who;

        @Override
        public Integer call() {
            return chain.withChain(connection -> {
                chain.contracts(connection).revoke(who.resource, who.subject);
                spec.commandLine().getOut().println("revoked " + who.subject + " on " + who.resource);
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = {"Show SUBJECT's policy, request history and penalties on RESOURCE.",
        "", "Example:", "  aisprint iot status --key owner.key --resource turbine-7/vibration --subject 0xREADER --json"})
    static final class Status implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ChainOptions chain;

        @Mixin
        SubjectOptions who;

        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return chain.withChain(connection -> {
                AccessContracts.Status s = chain.contracts(connection).status(who.resource, who.subject);
                ObjectNode node = NetCommand.JSON.createObjectNode().put("resource", s.resource()).put("accessControl", s.accessControl())
                    .put("subject", s.subject()).put("permitted", s.permitted()).put("minIntervalSeconds", s.minIntervalSeconds())
                    .put("threshold", s.threshold()).put("lastRequest", s.lastRequest()).put("frequentRequests", s.frequentRequests())
                    .put("offences", s.offences()).put("blockedUntil", s.blockedUntil());
                if (json) {
                    out.println(node.toPrettyString());
                } else {
                    node.fields().forEachRemaining(field -> out.printf("%-20s %s%n", field.getKey(), field.getValue().asText()));
                }
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Run the edge data API until Ctrl-C. GET /resources/NAME/readings is answered only after the",
        "resource's contract allows the signing requester (a transaction from the --key account, which",
        "must be the resource's gateway); POST stores readings signed by the resource's owner.",
        "", "Example:", "  aisprint iot serve --key gateway.key --data iot-data --port 8470"})
    static final class Serve implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ChainOptions chain;

        @Option(names = "--data", defaultValue = "iot-data", description = "Folder of the readings. Default: ${DEFAULT-VALUE}.")
        Path data;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Default: ${DEFAULT-VALUE}.")
        String host;

        @Option(names = "--port", defaultValue = "8470", description = "0 picks a free port. Default: ${DEFAULT-VALUE}.")
        int port;

        @Option(names = "--window-seconds", defaultValue = "60", description = "Accepted clock difference of signed requests. Default: ${DEFAULT-VALUE}.")
        long windowSeconds;

        @Override
        public Integer call() throws InterruptedException {
            try {
                Chain connection = new Chain(chain.chainUrl, chain.credentials());
                EdgeDataApi api = new EdgeDataApi(host, port, chain.contracts(connection), new ReadingStore(data),
                    new ReplayGuard(Clock.systemUTC(), Duration.ofSeconds(windowSeconds)));
                spec.commandLine().getOut().printf("edge data API on http://%s:%d (gateway %s, chain %s)%n", host, api.port(), connection.account(), chain.chainUrl);
                spec.commandLine().getOut().flush();
                MonitorCommand.runUntilStopped(() -> {
                    api.close();
                    connection.close();
                });
                return ExitCodes.OK;
            } catch (IotException e) {
                throw userFacing(e);
            }
        }
    }

    /** Options of the API clients. */
    static final class ClientOptions {
        @Option(names = "--url", defaultValue = "http://127.0.0.1:8470", description = "The edge data API. Default: ${DEFAULT-VALUE}.")
        String url;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "Key file of the requester.")
        Path keyFile;

        @Option(names = "--resource", required = true)
        String resource;

        static int print(PrintWriter out, IotClient.Answer answer) {
            out.println(answer.body().toPrettyString());
            return answer.status() < 300 ? ExitCodes.OK : answer.status() >= 500 ? ExitCodes.USAGE : ExitCodes.INVALID;
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = {"Store readings (JSON object or array with numeric 'value') as the resource's owner.",
        "", "Example:", "  aisprint iot put --key owner.key --resource turbine-7/vibration '{\"value\": 0.42, \"unit\": \"g\"}'"})
    static final class Put implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions client;

        @CommandLine.Parameters(paramLabel = "JSON")
        String json;

        @Override
        public Integer call() {
            try {
                IotClient api = new IotClient(client.url, Accounts.keyFile(client.keyFile), Clock.systemUTC());
                return ClientOptions.print(spec.commandLine().getOut(), api.write(client.resource, json));
            } catch (IotException e) {
                throw userFacing(e);
            }
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = {"Read the latest readings as a requester (signed with --key); exit 1 when denied.",
        "", "Example:", "  aisprint iot read --key reader.key --resource turbine-7/vibration --limit 10"})
    static final class Read implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions client;

        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @Override
        public Integer call() {
            try {
                IotClient api = new IotClient(client.url, Accounts.keyFile(client.keyFile), Clock.systemUTC());
                return ClientOptions.print(spec.commandLine().getOut(), api.read(client.resource, limit));
            } catch (IotException e) {
                throw userFacing(e);
            }
        }
    }
}
