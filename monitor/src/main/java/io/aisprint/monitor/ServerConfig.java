package io.aisprint.monitor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the server listens. A UDP port of -1 turns UDP off; port 0 picks a free one (tests).
 *
 * @param maxBodyBytes largest accepted write body (after gunzip); larger ones get 413
 * @param maxLineLength longest accepted line; longer lines are rejected one by one
 */
public record ServerConfig(String host, int httpPort, int udpPort, long maxBodyBytes, int maxLineLength, Clock clock) {
    public static final int DEFAULT_HTTP_PORT = 8086;
    public static final int DEFAULT_UDP_PORT = 8094;
    public static final long DEFAULT_MAX_BODY_BYTES = 25L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        List<String> problems = new ArrayList<>();
        if (httpPort < 0 || httpPort > 65_535) {
            problems.add("HTTP port " + httpPort + " is not 0..65535");
        }
        if (udpPort < -1 || udpPort > 65_535) {
            problems.add("UDP port " + udpPort + " is not -1 (off) or 0..65535");
        }
        if (maxBodyBytes < 1024) {
            problems.add("max body size " + maxBodyBytes + " is below 1024 bytes");
        }
        if (maxLineLength < 64) {
            problems.add("max line length " + maxLineLength + " is below 64");
        }
        if (!problems.isEmpty()) {
            throw MonitorException.invalid("Invalid server settings: " + String.join("; ", problems) + ".");
        }
    }

    /** Loopback, the InfluxDB ports, default limits, system clock. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", DEFAULT_HTTP_PORT, DEFAULT_UDP_PORT, DEFAULT_MAX_BODY_BYTES,
                LineProtocol.DEFAULT_MAX_LINE_LENGTH, Clock.systemUTC());
    }

    /** Free ports on loopback, no UDP: for tests. */
    public static ServerConfig ephemeral(Clock clock) {
        return new ServerConfig("127.0.0.1", 0, -1, DEFAULT_MAX_BODY_BYTES, LineProtocol.DEFAULT_MAX_LINE_LENGTH, clock);
    }

    public ServerConfig withPorts(int http, int udp) {
        return new ServerConfig(host, http, udp, maxBodyBytes, maxLineLength, clock);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, httpPort, udpPort, maxBodyBytes, maxLineLength, clock);
    }

    public ServerConfig withLimits(long bodyBytes, int lineLength) {
        return new ServerConfig(host, httpPort, udpPort, bodyBytes, lineLength, clock);
    }
}
