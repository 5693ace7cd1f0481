package io.aisprint.monitor.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.monitor.AlertEvent;
import io.aisprint.monitor.AlertListener;
import io.aisprint.monitor.RuleSet;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each state change as JSON to every webhook, off the evaluating thread. A failed
 * delivery (no connection or a non-2xx answer) is retried after a back-off that doubles, up to
 * the webhook's attempt limit; then it is logged and counted as failed. The body carries the
 * AMS notification keys ({@code constraint}/{@code alert}, {@code value}, {@code check_time},
 * {@code status_timestamp}) next to ours.
 */
public final class WebhookNotifier implements AlertListener {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<RuleSet.Webhook> webhooks;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();

    public WebhookNotifier(List<RuleSet.Webhook> webhooks, ScheduledExecutorService scheduler) {
        this.webhooks = List.copyOf(webhooks);
        this.scheduler = scheduler;
    }

    @Override
    public void onStateChange(AlertEvent event) {
        String body = body(event);
        for (RuleSet.Webhook webhook : webhooks) {
            scheduler.execute(() -> attempt(webhook, body, 1));
        }
    }

    static String body(AlertEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(event.rule().startsWith("qos-") ? "constraint" : "alert", event.rule());
        node.put("rule", event.rule());
        node.put("level", event.level().label());
        node.put("previous", event.previous().label());
        if (Double.isFinite(event.value())) {
            node.put("value", event.value());
        } else {
            node.putNull("value");
        }
        node.put("check_time", event.time().toString());
        node.put("status_timestamp", event.time().toString());
        ObjectNode tags = node.putObject("tags");
        event.tags().forEach(tags::put);
        node.put("message", event.message());
        return node.toString();
    }

    private void attempt(RuleSet.Webhook webhook, String body, int attempt) {
        attempts.incrementAndGet();
        String problem;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(webhook.url()).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
                return;
            }
            problem = "status " + response.statusCode();
        } catch (java.io.IOException e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt >= webhook.maxAttempts()) {
            failed.incrementAndGet();
            LOG.warn("Webhook {} failed {} times (last: {}); giving up on this notification", webhook.url(), attempt, problem);
            return;
        }
        long delay = webhook.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        LOG.info("Webhook {} failed ({}); retry {} in {} ms", webhook.url(), problem, attempt + 1, delay);
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> attempt(webhook, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    public long delivered() {
        return delivered.get();
    }

    public long failed() {
        return failed.get();
    }

    public long attempts() {
        return attempts.get();
    }
}
