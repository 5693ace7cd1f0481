package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleSetTest {
    @Test
    void readsThresholdDeadmanQosAndWebhooks() {
        RuleSet rules = RuleSet.parse("""
                every: 10s
                rules:
                  - name: p95-latency
                    measurement: execution_time
                    field: function_duration
                    tags: {component_name: blur}
                    aggregate: p95
                    window: 5m
                    groupBy: [resource_id]
                    direction: above
                    warn: 1.5
                    crit: 3
                    hysteresis: 0.2
                  - name: camera-silent
                    type: deadman
                    measurement: execution_time
                    after: 2m
                    level: warn
                qos:
                  window: 2m
                  limits:
                    - {name: l1, components: [blur], limit: 1.0}
                    - {name: g1, components: [camera, blur], limit: 4.0}
                webhooks:
                  - url: http://127.0.0.1:9000/alerts
                """, "rules.yaml");
        assertThat(rules.every()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rules.rules()).hasSize(4);
        assertThat(rules.rules().get(0)).isInstanceOfSatisfying(AlertRule.Threshold.class, rule -> {
            assertThat(rule.aggregation()).isEqualTo(Aggregation.percentile(95));
            assertThat(rule.window()).isEqualTo(Duration.ofMinutes(5));
            assertThat(rule.warn()).isEqualTo(Optional.of(1.5));
            assertThat(rule.tags()).containsEntry("component_name", "blur");
        });
        assertThat(rules.rules().get(1)).isInstanceOfSatisfying(AlertRule.Deadman.class, rule -> {
            assertThat(rule.after()).isEqualTo(Duration.ofMinutes(2));
            assertThat(rule.level()).isEqualTo(Level.WARN);
            assertThat(rule.lookback()).isEqualTo(Duration.ofHours(1));
        });
        assertThat(rules.rules().get(3)).isInstanceOfSatisfying(AlertRule.Qos.class, rule -> {
            assertThat(rule.limit().isGlobal()).isTrue();
            assertThat(rule.window()).isEqualTo(Duration.ofMinutes(2));
        });
        assertThat(rules.webhooks()).singleElement().extracting(RuleSet.Webhook::maxAttempts).isEqualTo(5);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> RuleSet.parse("""
                rules:
                  - name: a
                    measurement: m
                    aggregate: median
                    warn: 1
                  - name: b
                    type: deadman
                    measurement: m
                  - measurement: m
                    warn: 5
                    crit: 2
                  - name: c
                    type: sometimes
                    measurement: m
                qos:
                  limits:
                    - {name: q, components: [], limit: 1}
                webhooks:
                  - url: ftp://x
                """, "bad.yaml"))
                .isInstanceOf(MonitorException.class)
                .hasMessageContaining("bad.yaml has 6 problem(s)")
                .hasMessageContaining("rule 1 'a': Unknown aggregate 'median'")
                .hasMessageContaining("rule 2 'b': a deadman rule needs 'after'")
                .hasMessageContaining("rule 3: 'name' is required; warn 5.0 must not be past crit 2.0")
                .hasMessageContaining("type 'sometimes' is not 'threshold' or 'deadman'")
                .hasMessageContaining("qos limit 1 'q'").hasMessageContaining("names no component")
                .hasMessageContaining("webhook 1: url 'ftp://x' is not http");
    }

    @Test
    void unknownKeysAreNamed() {
        assertThatThrownBy(() -> RuleSet.parse("rules:\n  - name: a\n    measurement: m\n    treshold: 3\n", "typo.yaml"))
                .hasMessageContaining("typo.yaml line 4: unknown key \"treshold\"; expected one of after, aggregate, crit");
        assertThatThrownBy(() -> RuleSet.parse("rules:\n  - name: a\n    measurment: m\n", "typo.yaml"))
                .hasMessageContaining("typo.yaml line 3: unknown key \"measurment\"").hasMessageContaining("Maybe you meant \"measurement\"?");
    }

    @Test
    void qosLimitsBecomeRules() {
        RuleSet rules = RuleSet.fromQos(List.of(new QosLimit("c1", List.of("blur"), 0.5)), Duration.ofMinutes(1), List.of());
        assertThat(rules.rules()).singleElement().extracting(AlertRule::name).isEqualTo("qos-c1");
        assertThatThrownBy(() -> new QosLimit("bad", List.of("a"), 0)).hasMessageContaining("positive");
    }
}
