package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.monitor.spi.MetricStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability across SIGKILL, with real separate JVMs: every write that was answered 204 must
 * survive, in the server's embedded store and in the agent's buffer (then upstream).
 */
class KillNineTest {
    private static final int LINES = 200;
    private static final long BASE = 1_714_564_800_000_000_000L;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    /** Writes numbered batches until {@code batches} are sent or a request fails; records the acknowledged ones. */
    private Thread writer(int port, int firstBatch, int batches, ConcurrentLinkedQueue<Integer> acknowledged) {
        Thread thread = new Thread(() -> {
            for (int batch = firstBatch; batch < firstBatch + batches; batch++) {
                StringBuilder body = new StringBuilder();
                for (int line = 0; line < LINES; line++) {
                    body.append("durable,writer=w value=").append(batch).append(' ').append(time(batch, line)).append('\n');
                }
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/write?db=aisprint"))
                            .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 204) {
                        acknowledged.add(batch);
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        thread.start();
        return thread;
    }

    private static long time(int batch, int line) {
        return BASE + (long) batch * LINES + line;
    }

    private static void awaitAcknowledged(ConcurrentLinkedQueue<Integer> acknowledged, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(acknowledged.size()).as("acknowledged batches before the kill").isGreaterThanOrEqualTo(count);
    }

    private static Set<Long> storedTimes(MetricStore store) {
        Set<Long> times = new HashSet<>();
        for (Series series : store.query(SeriesQuery.builder("durable", "value").range(BASE - 1, BASE + 1_000_000_000L).build())) {
            series.samples().forEach(sample -> times.add(sample.timeNanos()));
        }
        return times;
    }

    private static void assertAllPresent(Set<Long> times, ConcurrentLinkedQueue<Integer> acknowledged) {
        int missing = 0;
        for (int batch : acknowledged) {
            for (int line = 0; line < LINES; line++) {
                if (!times.contains(time(batch, line))) {
                    missing++;
                }
            }
        }
        assertThat(missing).as("acknowledged points lost of " + acknowledged.size() * LINES).isZero();
    }

    @Test
    @Timeout(180)
    void serverKeepsEveryAcknowledgedWriteAfterKill9() throws Exception {
        Path data = work.resolve("data");
        int port = ForwardingAgentTest.freePort();
        ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        try (ChildJvm server = ChildJvm.start(work.resolve("server.log"), "serve", data.toString(), Integer.toString(port))) {
            Thread writer = writer(port, 0, 100_000, acknowledged);
            awaitAcknowledged(acknowledged, 30);
            server.kill();
            writer.join(30_000);
        }
        try (MetricStore store = MetricStores.embedded(data)) {
            assertAllPresent(storedTimes(store), acknowledged);
        }
    }

    /**
     * Single-point writes are acknowledged from the store's own log before DuckDB has them; the
     * log is applied when the store opens again. Four clients, one point per request, killed mid-stream.
     */
    @Test
    @Timeout(180)
    void serverKeepsEveryAcknowledgedSinglePointWriteAfterKill9() throws Exception {
        Path data = work.resolve("data");
        int port = ForwardingAgentTest.freePort();
        ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new java.util.ArrayList<>();
        try (ChildJvm server = ChildJvm.start(work.resolve("server.log"), "serve", data.toString(), Integer.toString(port))) {
            for (int client = 0; client < 4; client++) {
                int id = client;
                Thread thread = new Thread(() -> {
                    for (long n = 0; n < 1_000_000; n++) {
                        long time = BASE + n * 4 + id;
                        try {
                            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/write?db=aisprint")).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(
                                    "single,client=c" + id + " value=" + n + " " + time)).build(), HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() == 204) {
                                acknowledged.add(time);
                            }
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                thread.start();
                writers.add(thread);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(acknowledged.size()).as("acknowledged single-point writes before the kill").isGreaterThanOrEqualTo(300);
            server.kill();
            for (Thread thread : writers) {
                thread.join(30_000);
            }
        }
        try (MetricStore store = MetricStores.embedded(data)) {
            Set<Long> times = new HashSet<>();
            for (Series series : store.query(SeriesQuery.builder("single", "value").range(BASE - 1, BASE + 1_000_000_000L).build())) {
                series.samples().forEach(sample -> times.add(sample.timeNanos()));
            }
            List<Long> missing = acknowledged.stream().filter(time -> !times.contains(time)).toList();
            assertThat(missing).as("acknowledged single points lost of " + acknowledged.size()).isEmpty();
        }
    }

    @Test
    @Timeout(180)
    void agentLosesNothingAcrossOutageAndKill9() throws Exception {
        Path buffer = work.resolve("buffer");
        int upstreamPort = ForwardingAgentTest.freePort();
        int agentPort = ForwardingAgentTest.freePort();
        String upstream = "http://127.0.0.1:" + upstreamPort;
        ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        try (ChildJvm agent = ChildJvm.start(work.resolve("agent-1.log"), "agent", buffer.toString(), Integer.toString(agentPort), upstream)) {
            Thread writer = writer(agentPort, 0, 100_000, acknowledged);
            awaitAcknowledged(acknowledged, 30);
            agent.kill();
            writer.join(30_000);
        }
        int beforeRestart = acknowledged.size();
        try (ChildJvm agent = ChildJvm.start(work.resolve("agent-2.log"), "agent", buffer.toString(), Integer.toString(agentPort), upstream)) {
            writer(agentPort, 50_000, 10, acknowledged).join(60_000);
            assertThat(acknowledged.size()).isEqualTo(beforeRestart + 10);
            try (MonitorServer cloud = MonitorServer.start(MetricStores.inMemory(),
                    ServerConfig.ephemeral(Clock.systemUTC()).withPorts(upstreamPort, -1))) {
                long expected = (long) acknowledged.size() * LINES;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                Set<Long> times = storedTimes(cloud.store());
                while (times.size() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    times = storedTimes(cloud.store());
                }
                assertAllPresent(times, acknowledged);
            }
        }
    }

    @SuppressWarnings("unused")
    private static List<Integer> sorted(ConcurrentLinkedQueue<Integer> values) {
        return values.stream().sorted().toList();
    }
}
