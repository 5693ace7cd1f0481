package io.aisprint.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An alert rule; {@link RuleSet} reads them from YAML or makes them from QoS limits. */
public sealed interface AlertRule {
    String name();

    /**
     * A threshold on a windowed aggregate, per group of tags. With direction ABOVE the level is
     * CRIT when value > crit, WARN when value > warn (BELOW mirrors it). Once raised, a level
     * only drops when the value is back past its threshold by more than {@code hysteresis}, so
     * a value hovering at the threshold does not flap.
     */
    record Threshold(String name, String measurement, String field, Map<String, String> tags, List<String> groupBy,
            Aggregation aggregation, Duration window, Direction direction, Optional<Double> warn, Optional<Double> crit,
            double hysteresis) implements AlertRule {
        public Threshold {
            Objects.requireNonNull(name, "name");
            tags = Map.copyOf(tags);
            groupBy = List.copyOf(groupBy);
            if (warn.isEmpty() && crit.isEmpty()) {
                throw MonitorException.invalid("Rule '" + name + "' needs a warn or a crit threshold.");
            }
        }
    }

    /** CRIT (or the given level) for a group that has sent nothing for {@code after}. */
    record Deadman(String name, String measurement, String field, Map<String, String> tags, List<String> groupBy,
            Duration after, Level level, Duration lookback) implements AlertRule {
        public Deadman {
            Objects.requireNonNull(name, "name");
            tags = Map.copyOf(tags);
            groupBy = List.copyOf(groupBy);
        }
    }

    /**
     * An application QoS limit over the AI-SPRINT {@code execution_time} schema. One component:
     * the mean {@code function_duration} of that component over the window. A path: per
     * {@code session_id}, the last component's latest {@code job_end_time} minus the first
     * component's earliest {@code job_start_time}, averaged over the sessions of the window.
     * CRIT when above the limit (with hysteresis as for thresholds).
     */
    record Qos(String name, QosLimit limit, Duration window, double hysteresis) implements AlertRule {
        public Qos {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(limit, "limit");
        }
    }

    enum Direction { ABOVE, BELOW }
}
