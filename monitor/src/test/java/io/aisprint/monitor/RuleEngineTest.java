package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aisprint.monitor.spi.MetricStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final MetricStore store = MetricStores.inMemory();
    private final List<AlertEvent> heard = new CopyOnWriteArrayList<>();
    private RuleEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private RuleEngine engine(String yaml) {
        engine = new RuleEngine(store, RuleSet.parse(yaml, "rules.yaml"), clock);
        engine.addListener(heard::add);
        return engine;
    }

    private void latency(String component, double value) {
        store.write(List.of(Point.of("latency", Map.of("component", component), "value", value,
                TimeSpec.nanos(clock.instant()) - 1)));
    }

    private static final String THRESHOLD = """
            rules:
              - name: slow
                measurement: latency
                aggregate: max
                window: 1m
                groupBy: [component]
                warn: 2
                crit: 5
                hysteresis: 0.5
            """;

    @Test
    void thresholdRaisesLevelsAndHysteresisHoldsThemUntilClearlyBack() {
        engine(THRESHOLD);
        latency("blur", 1.0);
        assertThat(engine.evaluate()).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        latency("blur", 3.0);
        assertThat(engine.evaluate()).singleElement().satisfies(event -> {
            assertThat(event.previous()).isEqualTo(Level.OK);
            assertThat(event.level()).isEqualTo(Level.WARN);
            assertThat(event.tags()).containsEntry("component", "blur");
            assertThat(event.value()).isEqualTo(3.0);
        });
        clock.advance(Duration.ofMinutes(2));
        latency("blur", 6.0);
        assertThat(engine.evaluate()).extracting(AlertEvent::level).containsExactly(Level.CRIT);
        clock.advance(Duration.ofMinutes(2));
        latency("blur", 4.8);
        assertThat(engine.evaluate()).as("4.8 is within the 0.5 hysteresis of crit 5").isEmpty();
        clock.advance(Duration.ofMinutes(2));
        latency("blur", 1.0);
        assertThat(engine.evaluate()).singleElement().satisfies(event -> {
            assertThat(event.previous()).isEqualTo(Level.CRIT);
            assertThat(event.level()).isEqualTo(Level.OK);
        });
        assertThat(heard).extracting(AlertEvent::level).containsExactly(Level.WARN, Level.CRIT, Level.OK);
        assertThat(engine.levels()).containsEntry("slow{component=blur}", Level.OK);
    }

    @Test
    void stateChangesAreStoredAsSeries() {
        engine(THRESHOLD);
        latency("blur", 9.0);
        engine.evaluate();
        clock.advance(Duration.ofMinutes(2));
        latency("blur", 0.1);
        engine.evaluate();
        List<Series> statuses = store.query(SeriesQuery.builder(RuleEngine.STATUS_MEASUREMENT, "level_code")
                .tag("rule", "slow").range(0, TimeSpec.nanos(clock.instant()) + 1).build());
        assertThat(statuses).singleElement().satisfies(series -> {
            assertThat(series.tags()).containsEntry("component", "blur");
            assertThat(series.samples()).extracting(Series.Sample::value).containsExactly(2.0, 0.0);
        });
    }

    @Test
    void belowDirectionMirrorsTheThresholds() {
        assertThat(RuleEngine.thresholdLevel(10, AlertRule.Direction.BELOW, Optional.of(5.0), Optional.of(2.0), 0, Level.OK))
                .isEqualTo(Level.OK);
        assertThat(RuleEngine.thresholdLevel(4, AlertRule.Direction.BELOW, Optional.of(5.0), Optional.of(2.0), 0, Level.OK))
                .isEqualTo(Level.WARN);
        assertThat(RuleEngine.thresholdLevel(1, AlertRule.Direction.BELOW, Optional.of(5.0), Optional.of(2.0), 0, Level.OK))
                .isEqualTo(Level.CRIT);
        assertThat(RuleEngine.thresholdLevel(2.5, AlertRule.Direction.BELOW, Optional.of(5.0), Optional.of(2.0), 1, Level.CRIT))
                .isEqualTo(Level.CRIT);
        assertThat(RuleEngine.thresholdLevel(3.5, AlertRule.Direction.BELOW, Optional.of(5.0), Optional.of(2.0), 1, Level.CRIT))
                .isEqualTo(Level.WARN);
    }

    @Test
    void deadmanFiresWhenAGroupFallsSilentAndClearsWhenItReturns() {
        engine("""
                rules:
                  - name: silent
                    type: deadman
                    measurement: latency
                    groupBy: [component]
                    after: 5m
                """);
        latency("camera", 1);
        latency("blur", 1);
        assertThat(engine.evaluate()).isEmpty();
        clock.advance(Duration.ofMinutes(3));
        latency("blur", 1);
        assertThat(engine.evaluate()).isEmpty();
        clock.advance(Duration.ofMinutes(3));
        assertThat(engine.evaluate()).singleElement().satisfies(event -> {
            assertThat(event.tags()).containsEntry("component", "camera");
            assertThat(event.level()).isEqualTo(Level.CRIT);
            assertThat(event.message()).contains("has sent nothing");
        });
        latency("camera", 1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.evaluate()).singleElement().satisfies(event -> {
            assertThat(event.tags()).containsEntry("component", "camera");
            assertThat(event.level()).isEqualTo(Level.OK);
        });
    }

    @Test
    void qosRulesCheckComponentAndPathTimes() {
        RuleSet rules = RuleSet.fromQos(List.of(
                new QosLimit("blur-local", List.of("blur"), 1.0),
                new QosLimit("pipeline", List.of("camera", "blur", "detect"), 3.0)), Duration.ofMinutes(1), List.of());
        engine = new RuleEngine(store, rules, clock);
        long now = TimeSpec.nanos(clock.instant());
        List<Point> points = new ArrayList<>();
        double base = clock.instant().getEpochSecond() - 30;
        for (int session = 0; session < 2; session++) {
            double start = base + session;
            points.add(execution("camera", "s" + session, start, start + 0.5, 0.5, now - 30_000_000_000L + session));
            points.add(execution("blur", "s" + session, start + 0.5, start + 2.0, 1.5, now - 20_000_000_000L + session));
            points.add(execution("detect", "s" + session, start + 2.0, start + 2.5 + session, 0.5 + session, now - 10_000_000_000L + session));
        }
        store.write(points);
        List<AlertEvent> events = engine.evaluate();
        // Path times are 2.5 s and 3.5 s, mean 3.0: not above 3.0. Blur's mean 1.5 is above 1.0.
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.rule()).isEqualTo("qos-blur-local");
            assertThat(event.level()).isEqualTo(Level.CRIT);
            assertThat(event.value()).isEqualTo(1.5);
            assertThat(event.message()).endsWith("component blur over 60 s is 1.5 s (limit 1 s)");
        });
        store.write(List.of(execution("detect", "s0", base + 2.0, base + 4.0, 2.0, now - 5_000_000_000L)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.evaluate()).singleElement().satisfies(event -> {
            assertThat(event.rule()).isEqualTo("qos-pipeline");
            assertThat(event.level()).isEqualTo(Level.CRIT);
            assertThat(event.value()).isEqualTo(3.75);
            assertThat(event.message()).contains("camera -> blur -> detect over 60 s is 3.75 s (limit 3 s)");
        });
    }

    @Test
    void qosMessagesShowThreeSignificantDigitsAndPlainWindows() {
        assertThat(RuleEngine.readable(0.5184208300909091)).isEqualTo("0.518");
        assertThat(RuleEngine.readable(1234.5)).isEqualTo("1230");
        assertThat(RuleEngine.readable(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(RuleEngine.readable(Duration.ofMillis(2500))).isEqualTo("2.5 s");
    }

    private static Point execution(String component, String session, double jobStart, double jobEnd, double duration, long time) {
        return new Point("execution_time", new TreeMap<>(Map.of("component_name", component, "session_id", session)), Map.of(
                "job_start_time", new FieldValue.FloatValue(jobStart),
                "job_end_time", new FieldValue.FloatValue(jobEnd),
                "function_duration", new FieldValue.FloatValue(duration)), time);
    }

    @Test
    void webhooksAreRetriedUntilTheyAnswer2xx() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch delivered = new CountDownLatch(1);
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = calls.incrementAndGet() <= 2 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            if (status == 204) {
                delivered.countDown();
            }
        });
        hook.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
            engine(THRESHOLD + "webhooks:\n  - url: " + url + "\n    attempts: 4\n    backoff: 10ms\n");
            latency("blur", 7.0);
            engine.evaluate();
            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(calls.get()).isEqualTo(3);
            JsonNode body = new ObjectMapper().readTree(bodies.get(2));
            assertThat(body.get("alert").asText()).isEqualTo("slow");
            assertThat(body.get("level").asText()).isEqualTo("crit");
            assertThat(body.get("value").asDouble()).isEqualTo(7.0);
            assertThat(body.get("tags").get("component").asText()).isEqualTo("blur");
            // The hook answered; the notifier counts the delivery when it reads that answer.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (engine.webhookDeliveries() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(engine.webhookDeliveries()).isEqualTo(1);
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void webhookGivesUpAfterItsAttempts() throws Exception {
        CountDownLatch attempts = new CountDownLatch(2);
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            attempts.countDown();
        });
        hook.start();
        try {
            engine(THRESHOLD + "webhooks:\n  - url: http://127.0.0.1:" + hook.getAddress().getPort() + "/hook\n    attempts: 2\n    backoff: 5ms\n");
            latency("blur", 7.0);
            engine.evaluate();
            assertThat(attempts.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (engine.webhookFailures() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(engine.webhookFailures()).isEqualTo(1);
            assertThat(engine.webhookDeliveries()).isZero();
        } finally {
            hook.stop(0);
        }
    }
}
