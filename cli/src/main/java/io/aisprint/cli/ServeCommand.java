package io.aisprint.cli;

import io.aisprint.server.ApiServer;
import io.aisprint.server.Role;
import io.aisprint.server.ServerConfig;
import io.aisprint.server.ServerException;
import io.aisprint.server.Tokens;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aisprint serve}: the REST API, the live run events and the web dashboard, with state that survives restarts. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    subcommands = {ServeCommand.Token.class},
    description = {
        "Run the aisprint server: the REST API under /api/v1 (OpenAPI at /api/openapi.json), Server-Sent",
        "Events of live runs and the web dashboard at /. Applications, designs, runs with their",
        "summaries and API tokens are kept in an embedded H2 database under --data (or PostgreSQL with",
        "--db); a restart loses nothing acknowledged, and work in progress when the server died is",
        "marked interrupted. Every call needs 'Authorization: Bearer TOKEN' (roles viewer, operator,",
        "admin); create the first token with 'aisprint serve token create'.",
    },
    footer = {
        "",
        "Examples:",
        "  aisprint serve token create --data aisprint-data --role admin",
        "  aisprint serve --data aisprint-data --port 8090",
        "  aisprint serve --db 'jdbc:postgresql://127.0.0.1:5432/aisprint?user=aisprint&password=secret'",
        "  curl -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/zip' \\",
        "       --data-binary @mask-detection.zip http://127.0.0.1:8090/api/v1/applications",
        "",
        "Exit codes: 0 stopped normally, 1 invalid options, 2 the port or the data cannot be used.",
    })
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8090", description = "TCP port (default: ${DEFAULT-VALUE}; 0: any free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "aisprint-data",
            description = "uploaded applications, run reports and the embedded database (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC-URL", description = "a PostgreSQL JDBC URL instead of the embedded database")
    String database;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "allow browser calls from this origin (repeatable; default: CORS off)")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--max-upload-mb", paramLabel = "MB", defaultValue = "20",
            description = "largest upload and largest unpacked application in MiB (default: ${DEFAULT-VALUE})")
    int maxUploadMegabytes;

    @Option(names = "--concurrent-runs", paramLabel = "N", defaultValue = "1",
            description = "runs executing at once; more wait queued (default: ${DEFAULT-VALUE})")
    int concurrentRuns;

    @Option(names = "--gpu-cluster", paramLabel = "FILE",
            description = "run GPU training jobs on this cluster (nodes and costs as 'aisprint gpu serve --cluster')")
    Path gpuCluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        ApiServer server;
        try {
            config = new ServerConfig(host, port, data, database, maxUploadMegabytes * 1024L * 1024L, corsOrigins, gpuCluster,
                    concurrentRuns);
            server = ApiServer.start(config);
        } catch (ServerException e) {
            throw error(e);
        } catch (RuntimeException e) {
            // Jetty reports a port in use as an IOException wrapped in a RuntimeException
            throw new UserFacingException("cannot listen on " + host + ":" + port + ": " + rootMessage(e)
                    + "\nMaybe the port is in use; pick another with --port.", ExitCodes.USAGE);
        }
        err.printf("aisprint serve: listening on http://%s:%d (API /api/v1, OpenAPI /api/openapi.json%s); data in %s%s%n", host,
                server.port(), server.dashboard() ? ", dashboard /" : "", config.dataDirectory(),
                database == null ? "" : " and the database at --db");
        if (server.interrupted() > 0) {
            err.println("  " + server.interrupted() + " design(s)/run(s) in progress when the server last stopped are marked interrupted");
        }
        if (server.noTokens()) {
            err.println("  no API token yet: create one with 'aisprint serve token create --data " + data + " --role admin'"
                    + " (stop the server first when it uses the embedded database)");
        }
        err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    static UserFacingException error(ServerException e) {
        String where = e.where() == null ? "" : " (" + e.where() + ")";
        return new UserFacingException(e.getMessage() + where + (e.hint() == null ? "" : "\n" + e.hint()),
                e.code().status() < 500 ? ExitCodes.INVALID : ExitCodes.USAGE);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** {@code aisprint serve token ...}. */
    @Command(name = "token", mixinStandardHelpOptions = true, subcommands = {Token.Create.class},
            description = "Manage API tokens in a data directory (or the --db database).")
    static final class Token implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "create", mixinStandardHelpOptions = true, usageHelpWidth = 100,
                description = {"Create an API token and print it once; only its SHA-256 is stored.",
                    "With the embedded database, run it while the server is stopped (or create tokens",
                    "through POST /api/v1/tokens with an admin token)."},
                footer = {"", "Example:", "  TOKEN=$(aisprint serve token create --data aisprint-data --role operator)"})
        static final class Create implements Callable<Integer> {
            @Option(names = "--data", paramLabel = "DIR", defaultValue = "aisprint-data", description = "data directory (default: ${DEFAULT-VALUE})")
            Path data;

            @Option(names = "--db", paramLabel = "JDBC-URL", description = "the PostgreSQL database the server uses")
            String database;

            @Option(names = "--role", required = true, description = "viewer, operator or admin")
            String role;

            @Option(names = "--name", defaultValue = "cli", description = "what the token is for (default: ${DEFAULT-VALUE})")
            String name;

            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() {
                try {
                    Tokens.Created created = Tokens.create(data, database, Role.parse(role, "--role"), name);
                    spec.commandLine().getOut().println(created.token());
                    spec.commandLine().getErr().println("created token " + created.id() + " (" + created.role().label()
                            + "); it is shown only this once");
                    return ExitCodes.OK;
                } catch (ServerException e) {
                    throw error(e);
                }
            }
        }
    }
}
