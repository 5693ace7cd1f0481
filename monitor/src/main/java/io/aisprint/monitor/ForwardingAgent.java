package io.aisprint.monitor;

import io.aisprint.monitor.internal.HttpFront;
import io.aisprint.monitor.internal.Ingestor;
import io.aisprint.monitor.internal.SegmentLog;
import io.aisprint.monitor.internal.UdpListener;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward for edge nodes with an unreliable uplink. Accepts the same writes as the
 * server (HTTP v1/v2, UDP), validates them, stamps every point with an explicit time, appends
 * them to a disk log and acknowledges only once they are synced. A forwarder sends the log in
 * order to the upstream's {@code /write}, keeping the database of each write, and retries with
 * back-off while the upstream is unreachable. See {@link SegmentLog} for the durability story.
 */
public final class ForwardingAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardingAgent.class);
    private static final long FORWARD_BATCH_BYTES = 1024 * 1024;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final AgentConfig config;
    private final SegmentLog log;
    private final HttpFront http;
    private final UdpListener udp;
    private final Thread forwarder;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong forwardedPoints = new AtomicLong();
    private final AtomicLong rejectedByUpstream = new AtomicLong();
    private final AtomicLong bufferedPoints = new AtomicLong();
    private volatile boolean closed;
    private volatile String lastUpstreamError = "";

    private ForwardingAgent(AgentConfig config) {
        this.config = config;
        this.log = new SegmentLog(config.bufferDirectory(), config.maxBufferBytes());
        ServerConfig listen = config.listen();
        this.http = new HttpFront(this::accept, listen.maxBodyBytes(), app -> app.get("/api/v1/stats", ctx -> ctx.json(stats())));
        try {
            http.start(listen.host(), listen.httpPort());
            this.udp = listen.udpPort() >= 0 ? new UdpListener(listen.host(), listen.udpPort(), this::accept) : null;
        } catch (RuntimeException e) {
            http.stop();
            log.close();
            throw e;
        }
        forwarder = new Thread(this::forwardLoop, "agent-forwarder");
        forwarder.setDaemon(true);
        forwarder.start();
    }

    public static ForwardingAgent start(AgentConfig config) {
        return new ForwardingAgent(config);
    }

    private WriteOutcome accept(String body, Precision precision, Ingestor.Dialect dialect) {
        ParseResult parsed = LineProtocol.parse(body, precision, TimeSpec.nanos(config.clock().instant()),
                config.listen().maxLineLength());
        if (!parsed.points().isEmpty()) {
            StringBuilder record = new StringBuilder(body.length() + 64).append(config.upstreamDatabase()).append('\n');
            for (Point point : parsed.points()) {
                LineProtocol.appendLine(record, point);
                record.append('\n');
            }
            log.append(record.toString().getBytes(StandardCharsets.UTF_8));
            bufferedPoints.addAndGet(parsed.points().size());
        }
        if (!parsed.hasErrors()) {
            return new WriteOutcome(parsed.points().size(), List.of(), 204, "");
        }
        String message = (parsed.points().isEmpty() ? "" : "partial write: ")
                + parsed.errors().stream().limit(20).map(LineError::describe).collect(Collectors.joining("\n"))
                + "\n" + parsed.errors().size() + " lines rejected, " + parsed.points().size() + " points buffered";
        return new WriteOutcome(parsed.points().size(), parsed.errors(), 400, Ingestor.errorBody(dialect, "invalid", message));
    }

    private void forwardLoop() {
        long backoff = 100;
        while (!closed) {
            try {
                List<SegmentLog.Entry> entries = log.peek(FORWARD_BATCH_BYTES);
                if (entries.isEmpty()) {
                    log.awaitData(500);
                    continue;
                }
                Map<String, List<SegmentLog.Entry>> byDatabase = groupLeadingByDatabase(entries);
                for (Map.Entry<String, List<SegmentLog.Entry>> group : byDatabase.entrySet()) {
                    forward(group.getKey(), group.getValue());
                }
                backoff = 100;
            } catch (UpstreamUnavailable e) {
                lastUpstreamError = e.getMessage();
                LOG.debug("upstream unavailable: {}", e.getMessage());
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("forwarding failed: {}", e.getMessage());
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /** Keeps log order: only the leading run of records for one database goes in one request. */
    private static Map<String, List<SegmentLog.Entry>> groupLeadingByDatabase(List<SegmentLog.Entry> entries) {
        Map<String, List<SegmentLog.Entry>> groups = new LinkedHashMap<>();
        String first = database(entries.get(0).payload());
        List<SegmentLog.Entry> run = new ArrayList<>();
        for (SegmentLog.Entry entry : entries) {
            if (!database(entry.payload()).equals(first)) {
                break;
            }
            run.add(entry);
        }
        groups.put(first, run);
        return groups;
    }

    private static String database(byte[] payload) {
        int newline = 0;
        while (newline < payload.length && payload[newline] != '\n') {
            newline++;
        }
        return new String(payload, 0, newline, StandardCharsets.UTF_8);
    }

    private void forward(String database, List<SegmentLog.Entry> entries) throws UpstreamUnavailable {
        StringBuilder body = new StringBuilder();
        long points = 0;
        for (SegmentLog.Entry entry : entries) {
            String text = new String(entry.payload(), StandardCharsets.UTF_8);
            String lines = text.substring(text.indexOf('\n') + 1);
            body.append(lines);
            points += lines.chars().filter(c -> c == '\n').count();
        }
        URI target = URI.create(config.upstream().toString().replaceAll("/+$", "") + "/write?db="
                + URLEncoder.encode(database, StandardCharsets.UTF_8) + "&precision=ns");
        int status;
        String answer;
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = response.body();
        } catch (IOException e) {
            throw new UpstreamUnavailable("cannot reach " + config.upstream() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailable("interrupted");
        }
        if (status / 100 == 2) {
            forwardedPoints.addAndGet(points);
        } else if (status / 100 == 4 && status != 408 && status != 429) {
            // The lines were valid when we took them, so the upstream will refuse them forever:
            // skip them rather than block everything behind.
            rejectedByUpstream.addAndGet(points);
            LOG.warn("upstream refused {} points with status {}: {}; skipping them", points, status, answer);
        } else {
            throw new UpstreamUnavailable("upstream answered " + status + ": " + answer);
        }
        log.acknowledge(entries.get(entries.size() - 1));
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counters for {@code /api/v1/stats} and tests. */
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("bufferedPoints", bufferedPoints.get());
        stats.put("forwardedPoints", forwardedPoints.get());
        stats.put("rejectedByUpstream", rejectedByUpstream.get());
        stats.put("pendingBytes", log.pendingBytes());
        stats.put("bufferBytes", log.totalBytes());
        stats.put("droppedRecords", log.droppedRecords());
        stats.put("droppedBytes", log.droppedBytes());
        stats.put("lastUpstreamError", lastUpstreamError);
        return stats;
    }

    public long forwardedPoints() {
        return forwardedPoints.get();
    }

    public long pendingBytes() {
        return log.pendingBytes();
    }

    public long droppedRecords() {
        return log.droppedRecords();
    }

    public int httpPort() {
        return http.port();
    }

    public int udpPort() {
        return udp == null ? -1 : udp.port();
    }

    @Override
    public void close() {
        closed = true;
        if (udp != null) {
            udp.close();
        }
        http.stop();
        forwarder.interrupt();
        try {
            forwarder.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }

    private static final class UpstreamUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        UpstreamUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
