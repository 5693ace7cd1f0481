package io.aisprint.monitor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * The store-and-forward agent's settings.
 *
 * @param upstream the server to forward to (this monitor server or InfluxDB 1.x), e.g. http://cloud:8086
 * @param bufferDirectory where the disk buffer lives
 * @param maxBufferBytes the buffer's size bound; beyond it the oldest data is dropped and counted
 * @param upstreamDatabase the {@code db} the forwarded writes go to upstream
 */
public record AgentConfig(ServerConfig listen, URI upstream, Path bufferDirectory, long maxBufferBytes, String upstreamDatabase) {
    public static final String DEFAULT_DATABASE = "aisprint";

    public AgentConfig {
        Objects.requireNonNull(upstreamDatabase, "upstreamDatabase");
        if (upstreamDatabase.isBlank() || upstreamDatabase.contains("\n")) {
            throw MonitorException.invalid("Upstream database name '" + upstreamDatabase + "' is empty or has a line break.");
        }
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(bufferDirectory, "bufferDirectory");
        if (!"http".equals(upstream.getScheme()) && !"https".equals(upstream.getScheme())) {
            throw MonitorException.invalid("Upstream '" + upstream + "' is not an http:// or https:// URL.");
        }
        if (maxBufferBytes < 1024 * 1024) {
            throw MonitorException.invalid("The buffer bound " + maxBufferBytes + " bytes is below 1 MiB; give e.g. --max-buffer 512MB.");
        }
    }

    public Clock clock() {
        return listen.clock();
    }

    /** Reads {@code 1048576}, {@code 64KB}, {@code 512MB}, {@code 10GB}, {@code 1GiB} (K/M/G are powers of 1024). */
    public static long parseSize(String text) {
        String trimmed = text.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
        long factor = 1;
        String number = trimmed;
        if (trimmed.endsWith("KB") || trimmed.endsWith("K")) {
            factor = 1024L;
        } else if (trimmed.endsWith("MB") || trimmed.endsWith("M")) {
            factor = 1024L * 1024;
        } else if (trimmed.endsWith("GB") || trimmed.endsWith("G")) {
            factor = 1024L * 1024 * 1024;
        } else if (trimmed.endsWith("TB") || trimmed.endsWith("T")) {
            factor = 1024L * 1024 * 1024 * 1024;
        }
        number = number.replaceAll("[KMGTB]+$", "");
        try {
            return Math.multiplyExact(Long.parseLong(number), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw MonitorException.invalid("Cannot read size '" + text + "'; expected bytes or a number with KB, MB, GB or TB (e.g. 512MB).");
        }
    }
}
