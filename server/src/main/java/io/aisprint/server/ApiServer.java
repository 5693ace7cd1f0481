package io.aisprint.server;

import io.aisprint.server.internal.ServerWiring;
import java.time.Clock;

/**
 * The aisprint HTTP server: the REST API under {@code /api/v1} (OpenAPI at {@code /api/openapi.json}),
 * the live run events, the dashboard, with the platform state in SQL.
 *
 * <pre>{@code
 * try (ApiServer server = ApiServer.start(ServerConfig.defaults(Path.of("aisprint-data")).withPort(0))) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {
    private final ServerWiring wiring;

    private ApiServer(ServerWiring wiring) {
        this.wiring = wiring;
    }

    /** Opens (and migrates) the state, marks unfinished work interrupted, and starts listening. */
    public static ApiServer start(ServerConfig config) {
        return new ApiServer(new ServerWiring(config, Clock.systemUTC()));
    }

    public int port() {
        return wiring.port();
    }

    /** How many designs and runs were found unfinished at start and marked interrupted. */
    public int interrupted() {
        return wiring.interrupted();
    }

    /** Whether the state holds no token yet (nobody can call the API until one is created). */
    public boolean noTokens() {
        return wiring.noTokens();
    }

    /** Whether the dashboard was built into this jar. */
    public boolean dashboard() {
        return wiring.dashboard();
    }

    @Override
    public void close() {
        wiring.close();
    }
}
