package io.aisprint.monitor.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.monitor.LineError;
import io.aisprint.monitor.LineProtocol;
import io.aisprint.monitor.MonitorException;
import io.aisprint.monitor.ParseResult;
import io.aisprint.monitor.Precision;
import io.aisprint.monitor.TimeSpec;
import io.aisprint.monitor.WriteOutcome;
import io.aisprint.monitor.spi.InfluxQlStore;
import io.aisprint.monitor.spi.MetricStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Parses a write body, stores the good points (durably) and words the answer the way the
 * client's InfluxDB version would: 1.x answers {"error": ...}, 2.x {"code": ..., "message": ...}.
 * Like InfluxDB 1.x, a batch with some bad lines keeps the good ones and still answers 400.
 */
public final class Ingestor implements WriteSink {
    /** Which InfluxDB API the client spoke. */
    public enum Dialect { V1, V2 }

    private static final int ERRORS_SHOWN = 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MetricStore store;
    private final Clock clock;
    private final int maxLineLength;
    private final Consumer<List<io.aisprint.monitor.Point>> observer;
    private final AtomicLong pointsWritten = new AtomicLong();
    private final AtomicLong linesRejected = new AtomicLong();

    public Ingestor(MetricStore store, Clock clock, int maxLineLength, Consumer<List<io.aisprint.monitor.Point>> observer) {
        this.store = store;
        this.clock = clock;
        this.maxLineLength = maxLineLength;
        this.observer = observer;
    }

    @Override
    public WriteOutcome write(String body, Precision precision, Dialect dialect) {
        return write(body, precision, dialect, LegacyDatabase.NAME, null);
    }

    /**
     * As influxd: an unknown database is refused (404) before the body is read; points whose
     * field types conflict with their shard's are dropped and the answer is a partial-write 400.
     */
    @Override
    public WriteOutcome write(String body, Precision precision, Dialect dialect, String database, String retentionPolicy) {
        List<String> conflicts = List.of();
        if (store instanceof InfluxQlStore typed) {
            if (!typed.catalog().hasDatabase(database)) {
                return new WriteOutcome(0, List.of(), 404, errorBody(dialect, "not found", "database not found: \"" + database + "\""));
            }
            if (retentionPolicy != null && !retentionPolicy.isEmpty() && typed.catalog().policy(database, retentionPolicy) == null) {
                return new WriteOutcome(0, List.of(), 500, errorBody(dialect, "internal error",
                        "retention policy not found: " + retentionPolicy));
            }
        }
        if (store instanceof InfluxDbMetricStore remote && dialect == Dialect.V1) {
            InfluxDbMetricStore.Answer answer = remote.forwardWrite(database, retentionPolicy, precision.influxName(), body);
            ParseResult parsed = LineProtocol.parse(body, precision, TimeSpec.nanos(clock.instant()), maxLineLength);
            if (answer.status() == 204 && !parsed.points().isEmpty()) {
                pointsWritten.addAndGet(parsed.points().size());
                observer.accept(parsed.points());
            }
            return new WriteOutcome(answer.status() == 204 ? parsed.points().size() : 0, List.of(), answer.status(), answer.body());
        }
        ParseResult parsed = LineProtocol.parse(body, precision, TimeSpec.nanos(clock.instant()), maxLineLength);
        if (store instanceof InfluxQlStore typed) {
            conflicts = typed.write(database, retentionPolicy, parsed.points());
        } else {
            store.write(parsed.points());
        }
        if (!conflicts.isEmpty() && !parsed.hasErrors()) {
            int written = parsed.points().size() - conflicts.size();
            pointsWritten.addAndGet(written);
            return new WriteOutcome(written, List.of(), 400, errorBody(dialect, "invalid",
                    "partial write: " + conflicts.get(0) + " dropped=" + conflicts.size()));
        }
        pointsWritten.addAndGet(parsed.points().size());
        linesRejected.addAndGet(parsed.errors().size());
        if (!parsed.points().isEmpty()) {
            observer.accept(parsed.points());
        }
        if (!parsed.hasErrors()) {
            return new WriteOutcome(parsed.points().size(), List.of(), 204, "");
        }
        String message = describe(parsed);
        return new WriteOutcome(parsed.points().size(), parsed.errors(), 400, errorBody(dialect, "invalid", message));
    }

    private static String describe(ParseResult parsed) {
        List<LineError> errors = parsed.errors();
        String lines = errors.stream().limit(ERRORS_SHOWN).map(LineError::describe).collect(Collectors.joining("\n"));
        String more = errors.size() > ERRORS_SHOWN ? "\n... and " + (errors.size() - ERRORS_SHOWN) + " more bad lines" : "";
        String prefix = parsed.points().isEmpty() ? "" : "partial write: ";
        return prefix + lines + more + "\n" + errors.size() + " lines rejected, " + parsed.points().size() + " points written";
    }

    /** A JSON error body in the client's dialect. */
    public static String errorBody(Dialect dialect, String code, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        if (dialect == Dialect.V1) {
            node.put("error", message);
        } else {
            node.put("code", code);
            node.put("message", message);
        }
        return node.toString();
    }

    /** The status and body for an error that stopped the whole request. */
    public static WriteOutcome failure(Dialect dialect, MonitorException error) {
        int status = switch (error.kind()) {
            case INVALID_INPUT -> 400;
            case STORAGE -> 500;
            case REMOTE -> 503;
        };
        String code = status == 400 ? "invalid" : status == 503 ? "unavailable" : "internal error";
        return new WriteOutcome(0, List.of(), status, errorBody(dialect, code, error.getMessage()));
    }

    public long pointsWritten() {
        return pointsWritten.get();
    }

    public long linesRejected() {
        return linesRejected.get();
    }
}
