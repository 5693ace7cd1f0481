package io.aisprint.monitor;

import io.aisprint.monitor.internal.WebhookNotifier;
import io.aisprint.monitor.spi.MetricStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a {@link RuleSet} against a store. Each pass queries every rule at the clock's
 * "now", keeps one level per (rule, tag group), and for each change tells the listeners, the
 * webhooks, and writes a point to the {@code alert_status} measurement of the same store.
 * Tests call {@link #evaluate()} with a fixed clock; the server calls {@link #startScheduled()}.
 */
public final class RuleEngine implements AutoCloseable {
    /** The measurement state changes are written to. */
    public static final String STATUS_MEASUREMENT = "alert_status";
    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    private final MetricStore store;
    private final RuleSet ruleSet;
    private final Clock clock;
    private final Map<String, Level> levels = new ConcurrentHashMap<>();
    private final Map<String, Map<String, SortedMap<String, String>>> deadmanGroups = new HashMap<>();
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final WebhookNotifier webhooks;

    public RuleEngine(MetricStore store, RuleSet ruleSet, Clock clock) {
        this.store = store;
        this.ruleSet = ruleSet;
        this.clock = clock;
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "monitor-rules");
            thread.setDaemon(true);
            return thread;
        });
        this.webhooks = new WebhookNotifier(ruleSet.webhooks(), scheduler);
        if (!ruleSet.webhooks().isEmpty()) {
            listeners.add(webhooks);
        }
    }

    public void addListener(AlertListener listener) {
        listeners.add(listener);
    }

    /** Evaluates every rule every {@link RuleSet#every()} until closed. */
    public void startScheduled() {
        long period = ruleSet.every().toMillis();
        scheduler.scheduleAtFixedRate(() -> {
            try {
                evaluate();
            } catch (RuntimeException e) {
                LOG.warn("Rule evaluation failed: {}", e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** One pass over all rules; returns the state changes it found. */
    public synchronized List<AlertEvent> evaluate() {
        Instant now = clock.instant();
        List<AlertEvent> events = new ArrayList<>();
        for (AlertRule rule : ruleSet.rules()) {
            if (rule instanceof AlertRule.Threshold threshold) {
                evaluateThreshold(threshold, now, events);
            } else if (rule instanceof AlertRule.Deadman deadman) {
                evaluateDeadman(deadman, now, events);
            } else if (rule instanceof AlertRule.Qos qos) {
                evaluateQos(qos, now, events);
            }
        }
        if (!events.isEmpty()) {
            store.write(events.stream().map(RuleEngine::statusPoint).toList());
            for (AlertEvent event : events) {
                for (AlertListener listener : listeners) {
                    try {
                        listener.onStateChange(event);
                    } catch (RuntimeException e) {
                        LOG.warn("Alert listener failed on {}: {}", event.rule(), e.getMessage());
                    }
                }
            }
        }
        return events;
    }

    /** The current level of every (rule, group) seen so far, keyed {@code rule{tags}}. */
    public Map<String, Level> levels() {
        return new TreeMap<>(levels);
    }

    public long webhookDeliveries() {
        return webhooks.delivered();
    }

    public long webhookFailures() {
        return webhooks.failed();
    }

    private void evaluateThreshold(AlertRule.Threshold rule, Instant now, List<AlertEvent> events) {
        long end = TimeSpec.nanos(now);
        SeriesQuery query = SeriesQuery.builder(rule.measurement(), rule.field()).tags(rule.tags())
                .range(end - rule.window().toNanos(), end).aggregate(rule.aggregation()).groupBy(rule.groupBy()).build();
        for (Series series : store.query(query)) {
            double value = series.samples().get(0).value();
            String key = rule.name() + series.tags();
            Level current = levels.getOrDefault(key, Level.OK);
            Level next = thresholdLevel(value, rule.direction(), rule.warn(), rule.crit(), rule.hysteresis(), current);
            String message = rule.aggregation().label() + " of " + rule.measurement() + "." + rule.field() + " " + series.tags()
                    + " over " + readable(rule.window()) + " is " + readable(value) + " (warn " + rule.warn().map(String::valueOf).orElse("-")
                    + ", crit " + rule.crit().map(String::valueOf).orElse("-") + ", " + rule.direction().name().toLowerCase(java.util.Locale.ROOT) + ")";
            change(rule.name(), series.tags(), current, next, value, now, message, events);
        }
    }

    /**
     * The level for a value, with hysteresis: the new level is at least what the thresholds say,
     * and a raised level is only left once the value is past the thresholds moved back by
     * {@code hysteresis}.
     */
    static Level thresholdLevel(double value, AlertRule.Direction direction, Optional<Double> warn, Optional<Double> crit,
            double hysteresis, Level current) {
        double sign = direction == AlertRule.Direction.ABOVE ? 1 : -1;
        Level raw = classify(sign * value, warn.map(w -> sign * w), crit.map(c -> sign * c), 0);
        Level lowered = classify(sign * value, warn.map(w -> sign * w), crit.map(c -> sign * c), hysteresis);
        return Level.worst(raw, Level.best(current, lowered));
    }

    private static Level classify(double value, Optional<Double> warn, Optional<Double> crit, double margin) {
        if (crit.isPresent() && value > crit.get() - margin) {
            return Level.CRIT;
        }
        if (warn.isPresent() && value > warn.get() - margin) {
            return Level.WARN;
        }
        return Level.OK;
    }

    private void evaluateDeadman(AlertRule.Deadman rule, Instant now, List<AlertEvent> events) {
        long end = TimeSpec.nanos(now);
        SeriesQuery query = SeriesQuery.builder(rule.measurement(), rule.field()).tags(rule.tags())
                .range(end - rule.lookback().toNanos(), end + 1).aggregate(Aggregation.of(Aggregation.Function.LAST))
                .groupBy(rule.groupBy()).build();
        Map<String, SortedMap<String, String>> known = deadmanGroups.computeIfAbsent(rule.name(), k -> new TreeMap<>());
        Map<String, Long> lastSeen = new HashMap<>();
        for (Series series : store.query(query)) {
            known.put(series.tags().toString(), series.tags());
            lastSeen.put(series.tags().toString(), series.samples().get(0).timeNanos());
        }
        if (known.isEmpty() && rule.groupBy().isEmpty()) {
            known.put("{}", new TreeMap<>());
        }
        for (Map.Entry<String, SortedMap<String, String>> group : known.entrySet()) {
            Long last = lastSeen.get(group.getKey());
            boolean silent = last == null || end - last >= rule.after().toNanos();
            String key = rule.name() + group.getValue();
            Level current = levels.getOrDefault(key, Level.OK);
            Level next = silent ? rule.level() : Level.OK;
            String message = silent
                    ? rule.measurement() + "." + rule.field() + " " + group.getValue() + " has sent nothing for "
                            + (last == null ? "over " + readable(rule.lookback()) : readable(Duration.ofNanos(end - last)))
                            + " (limit " + readable(rule.after()) + ")"
                    : rule.measurement() + "." + rule.field() + " " + group.getValue() + " reports again";
            change(rule.name(), group.getValue(), current, next, Double.NaN, now, message, events);
        }
    }

    private void evaluateQos(AlertRule.Qos rule, Instant now, List<AlertEvent> events) {
        QosLimit limit = rule.limit();
        long end = TimeSpec.nanos(now);
        long start = end - rule.window().toNanos();
        Optional<Double> value = limit.isGlobal() ? pathTime(limit, start, end) : componentTime(limit.components().get(0), start, end);
        if (value.isEmpty()) {
            return;
        }
        TreeMap<String, String> tags = new TreeMap<>(Map.of("components", String.join(",", limit.components())));
        String key = rule.name() + tags;
        Level current = levels.getOrDefault(key, Level.OK);
        Level next = thresholdLevel(value.get(), AlertRule.Direction.ABOVE, Optional.empty(), Optional.of(limit.limitSeconds()),
                rule.hysteresis(), current);
        String message = (limit.isGlobal() ? "mean response time of path " : "mean execution time of component ")
                + String.join(" -> ", limit.components()) + " over " + readable(rule.window()) + " is " + readable(value.get())
                + " s (limit " + readable(limit.limitSeconds()) + " s)";
        change(rule.name(), tags, current, next, value.get(), now, message, events);
    }

    private Optional<Double> componentTime(String component, long start, long end) {
        List<Series> result = store.query(SeriesQuery.builder("execution_time", "function_duration")
                .tag("component_name", component).range(start, end).aggregate(Aggregation.of(Aggregation.Function.MEAN)).build());
        return result.isEmpty() ? Optional.empty() : Optional.of(result.get(0).samples().get(0).value());
    }

    /** Mean over sessions of (last component's latest end - first component's earliest start). */
    private Optional<Double> pathTime(QosLimit limit, long start, long end) {
        Map<String, Double> starts = perSession(limit.components().get(0), "job_start_time", Aggregation.Function.MIN, start, end);
        Map<String, Double> ends = perSession(limit.components().get(limit.components().size() - 1), "job_end_time",
                Aggregation.Function.MAX, start, end);
        double total = 0;
        int sessions = 0;
        for (Map.Entry<String, Double> session : starts.entrySet()) {
            Double sessionEnd = ends.get(session.getKey());
            if (sessionEnd != null) {
                total += sessionEnd - session.getValue();
                sessions++;
            }
        }
        return sessions == 0 ? Optional.empty() : Optional.of(total / sessions);
    }

    private Map<String, Double> perSession(String component, String field, Aggregation.Function function, long start, long end) {
        Map<String, Double> bySession = new HashMap<>();
        for (Series series : store.query(SeriesQuery.builder("execution_time", field).tag("component_name", component)
                .range(start, end).aggregate(Aggregation.of(function)).groupBy(List.of("session_id")).build())) {
            String session = series.tags().get("session_id");
            if (session != null) {
                bySession.put(session, series.samples().get(0).value());
            }
        }
        return bySession;
    }

    private void change(String rule, SortedMap<String, String> tags, Level current, Level next, double value, Instant now,
            String message, List<AlertEvent> events) {
        String key = rule + tags;
        levels.put(key, next);
        if (next != current) {
            events.add(new AlertEvent(rule, tags, current, next, value, now, message));
        }
    }

    private static Point statusPoint(AlertEvent event) {
        TreeMap<String, String> tags = new TreeMap<>(event.tags());
        tags.put("rule", event.rule());
        Map<String, FieldValue> fields = new HashMap<>();
        fields.put("level", new FieldValue.StringValue(event.level().label()));
        fields.put("previous", new FieldValue.StringValue(event.previous().label()));
        fields.put("level_code", new FieldValue.IntegerValue(event.level().ordinal()));
        if (Double.isFinite(event.value())) {
            fields.put("value", new FieldValue.FloatValue(event.value()));
        }
        fields.put("message", new FieldValue.StringValue(event.message()));
        return new Point(STATUS_MEASUREMENT, tags, fields, TimeSpec.nanos(event.time()));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Three significant digits, as people read a response time: 0.5184208300909091 is "0.518". */
    static String readable(double value) {
        return Double.isFinite(value) && value != 0
                ? new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }

    /** A rule window as "5 s" or "1.5 s", not Duration's ISO "PT5S". */
    static String readable(Duration window) {
        return readable(window.toNanos() / 1e9) + " s";
    }
}
