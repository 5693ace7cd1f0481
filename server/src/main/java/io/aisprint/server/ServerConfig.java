package io.aisprint.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start the server.
 *
 * @param host              address to bind (loopback unless told otherwise)
 * @param port              TCP port (0: any free one)
 * @param dataDirectory     uploaded applications, run reports and the embedded database live here
 * @param jdbcUrl           PostgreSQL (or any Flyway-supported) JDBC URL; null: the embedded H2 file under the data directory
 * @param maxUploadBytes    largest accepted request body and largest unpacked application
 * @param corsOrigins       origins allowed to call the API from a browser; empty: CORS off
 * @param gpuCluster        a GPU cluster file (nodes and costs as {@code aisprint gpu serve --cluster}); null: no live GPU jobs
 * @param concurrentRuns    runs executing at once; more wait in the queue
 */
public record ServerConfig(String host, int port, Path dataDirectory, String jdbcUrl, long maxUploadBytes,
        List<String> corsOrigins, Path gpuCluster, int concurrentRuns) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;

    public ServerConfig {
        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add("host is missing");
        }
        if (port < 0 || port > 65535) {
            problems.add("port must be within 0..65535, got " + port);
        }
        if (dataDirectory == null) {
            problems.add("data directory is missing");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
            problems.add("database URL must start with jdbc:, got '" + jdbcUrl + "'");
        }
        if (maxUploadBytes < 1024) {
            problems.add("max upload must be at least 1024 bytes, got " + maxUploadBytes);
        }
        if (concurrentRuns < 1) {
            problems.add("concurrent runs must be at least 1, got " + concurrentRuns);
        }
        if (!problems.isEmpty()) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, "invalid server configuration: " + String.join("; ", problems),
                    "configuration", null);
        }
        corsOrigins = List.copyOf(corsOrigins == null ? List.of() : corsOrigins);
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
    }

    /** Loopback, port 8090, embedded database under {@code dataDirectory}, CORS off, one run at a time. */
    public static ServerConfig defaults(Path dataDirectory) {
        return new ServerConfig("127.0.0.1", 8090, dataDirectory, null, DEFAULT_MAX_UPLOAD_BYTES, List.of(), null, 1);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, dataDirectory, jdbcUrl, maxUploadBytes, corsOrigins, gpuCluster, concurrentRuns);
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(value, port, dataDirectory, jdbcUrl, maxUploadBytes, corsOrigins, gpuCluster, concurrentRuns);
    }

    public ServerConfig withJdbcUrl(String value) {
        return new ServerConfig(host, port, dataDirectory, value, maxUploadBytes, corsOrigins, gpuCluster, concurrentRuns);
    }

    public ServerConfig withMaxUploadBytes(long value) {
        return new ServerConfig(host, port, dataDirectory, jdbcUrl, value, corsOrigins, gpuCluster, concurrentRuns);
    }

    public ServerConfig withCorsOrigins(List<String> value) {
        return new ServerConfig(host, port, dataDirectory, jdbcUrl, maxUploadBytes, value, gpuCluster, concurrentRuns);
    }

    public ServerConfig withGpuCluster(Path value) {
        return new ServerConfig(host, port, dataDirectory, jdbcUrl, maxUploadBytes, corsOrigins, value, concurrentRuns);
    }

    public ServerConfig withConcurrentRuns(int value) {
        return new ServerConfig(host, port, dataDirectory, jdbcUrl, maxUploadBytes, corsOrigins, gpuCluster, value);
    }
}
