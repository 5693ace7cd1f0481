package io.aisprint.monitor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rules, webhooks and the evaluation period, read from YAML (see docs/monitor.md) or made from
 * an Application's QoS limits. Every problem in a file is reported at once, each with the
 * rule it is in.
 */
public record RuleSet(List<AlertRule> rules, List<Webhook> webhooks, Duration every) {
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(30);

    public RuleSet {
        rules = List.copyOf(rules);
        webhooks = List.copyOf(webhooks);
    }

    /** A webhook that receives state changes as JSON, retried with doubling back-off. */
    public record Webhook(URI url, int maxAttempts, Duration initialBackoff) {
    }

    /** Rules for the QoS limits of an Application, each over {@code window}. */
    public static RuleSet fromQos(List<QosLimit> limits, Duration window, List<Webhook> webhooks) {
        List<AlertRule> rules = new ArrayList<>();
        for (QosLimit limit : limits) {
            rules.add(new AlertRule.Qos("qos-" + limit.name(), limit, window, 0));
        }
        return new RuleSet(rules, webhooks, DEFAULT_EVERY);
    }

    public static RuleSet load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Cannot read rule file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static RuleSet parse(String yaml, String source) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        FileDto dto;
        try {
            dto = mapper.readValue(yaml, FileDto.class);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            throw MonitorException.invalid(source + " line " + e.getLocation().getLineNr() + ": "
                    + io.aisprint.model.io.UnknownKeys.message(e.getPropertyName(), known));
        } catch (IOException e) {
            throw MonitorException.invalid(source + ": not valid YAML for a rule file: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() + " at line " + (j.getLocation() == null ? "?" : j.getLocation().getLineNr()) : e.getMessage()));
        }
        if (dto == null) {
            throw MonitorException.invalid(source + ": the file is empty; expected 'rules:', 'qos:' and/or 'webhooks:'.");
        }
        List<String> problems = new ArrayList<>();
        List<AlertRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<RuleDto> ruleDtos = dto.rules == null ? List.of() : dto.rules;
        for (int i = 0; i < ruleDtos.size(); i++) {
            RuleDto rule = ruleDtos.get(i);
            String where = "rule " + (i + 1) + (rule.name == null ? "" : " '" + rule.name + "'");
            try {
                AlertRule built = rule.build(where);
                if (!names.add(built.name())) {
                    problems.add(where + ": the name is used twice");
                }
                rules.add(built);
            } catch (MonitorException e) {
                problems.add(e.getMessage());
            }
        }
        if (dto.qos != null) {
            Duration window = parseDuration(dto.qos.window == null ? "1m" : dto.qos.window, "qos.window", problems);
            List<QosDto> limits = dto.qos.limits == null ? List.of() : dto.qos.limits;
            for (int i = 0; i < limits.size(); i++) {
                QosDto limit = limits.get(i);
                String where = "qos limit " + (i + 1) + (limit.name == null ? "" : " '" + limit.name + "'");
                try {
                    String name = require(limit.name, where, "name");
                    QosLimit qos = new QosLimit(name, limit.components == null ? List.of() : limit.components,
                            limit.limit == null ? Double.NaN : limit.limit);
                    AlertRule rule = new AlertRule.Qos("qos-" + name, qos, window == null ? Duration.ofMinutes(1) : window,
                            limit.hysteresis == null ? 0 : limit.hysteresis);
                    if (!names.add(rule.name())) {
                        problems.add(where + ": the name is used twice");
                    }
                    rules.add(rule);
                } catch (MonitorException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        }
        List<Webhook> webhooks = new ArrayList<>();
        List<WebhookDto> hookDtos = dto.webhooks == null ? List.of() : dto.webhooks;
        for (int i = 0; i < hookDtos.size(); i++) {
            WebhookDto hook = hookDtos.get(i);
            String where = "webhook " + (i + 1);
            try {
                URI url = URI.create(require(hook.url, where, "url"));
                if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                    throw MonitorException.invalid(where + ": url '" + hook.url + "' is not http:// or https://");
                }
                Duration backoff = parseDuration(hook.backoff == null ? "1s" : hook.backoff, where + ".backoff", problems);
                int attempts = hook.attempts == null ? 5 : hook.attempts;
                if (attempts < 1) {
                    problems.add(where + ": attempts must be at least 1, got " + attempts);
                }
                webhooks.add(new Webhook(url, attempts, backoff == null ? Duration.ofSeconds(1) : backoff));
            } catch (MonitorException e) {
                problems.add(e.getMessage());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": url '" + hook.url + "' is not a URL (" + e.getMessage() + ")");
            }
        }
        Duration every = parseDuration(dto.every == null ? "30s" : dto.every, "every", problems);
        if (!problems.isEmpty()) {
            throw MonitorException.invalid(source + " has " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
        }
        return new RuleSet(rules, webhooks, every);
    }

    private static Duration parseDuration(String text, String where, List<String> problems) {
        try {
            return TimeSpec.duration(text);
        } catch (MonitorException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    private static String require(String value, String where, String key) {
        if (value == null || value.isBlank()) {
            throw MonitorException.invalid(where + ": '" + key + "' is required");
        }
        return value;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    static final class FileDto {
        @JsonProperty public String every;
        @JsonProperty public List<RuleDto> rules;
        @JsonProperty public QosFileDto qos;
        @JsonProperty public List<WebhookDto> webhooks;
    }

    static final class QosFileDto {
        @JsonProperty public String window;
        @JsonProperty public List<QosDto> limits;
    }

    static final class QosDto {
        @JsonProperty public String name;
        @JsonProperty public List<String> components;
        @JsonProperty public Double limit;
        @JsonProperty public Double hysteresis;
    }

    static final class WebhookDto {
        @JsonProperty public String url;
        @JsonProperty public Integer attempts;
        @JsonProperty public String backoff;
    }

    static final class RuleDto {
        @JsonProperty public String name;
        @JsonProperty public String type;
        @JsonProperty public String measurement;
        @JsonProperty public String field;
        @JsonProperty public Map<String, String> tags;
        @JsonProperty public List<String> groupBy;
        @JsonProperty public String aggregate;
        @JsonProperty public String window;
        @JsonProperty public String direction;
        @JsonProperty public Double warn;
        @JsonProperty public Double crit;
        @JsonProperty public Double hysteresis;
        @JsonProperty public String after;
        @JsonProperty public String level;
        @JsonProperty public String lookback;

        AlertRule build(String where) {
            List<String> problems = new ArrayList<>();
            if (name == null || name.isBlank()) {
                problems.add("'name' is required");
            }
            if (measurement == null || measurement.isBlank()) {
                problems.add("'measurement' is required");
            }
            String fieldName = field == null ? "value" : field;
            Map<String, String> tagMap = tags == null ? Map.of() : tags;
            List<String> groups = groupBy == null ? List.of() : groupBy;
            String kind = type == null ? "threshold" : type.toLowerCase(Locale.ROOT);
            AlertRule rule = null;
            switch (kind) {
                case "threshold" -> {
                    Aggregation aggregation = null;
                    try {
                        aggregation = Aggregation.parse(aggregate == null ? "mean" : aggregate);
                    } catch (MonitorException e) {
                        problems.add(e.getMessage());
                    }
                    Duration windowLength = parseDuration(window == null ? "1m" : window, "window", problems);
                    AlertRule.Direction dir = AlertRule.Direction.ABOVE;
                    if (direction != null) {
                        try {
                            dir = AlertRule.Direction.valueOf(direction.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            problems.add("direction '" + direction + "' is not 'above' or 'below'");
                        }
                    }
                    if (warn == null && crit == null) {
                        problems.add("a threshold rule needs 'warn' and/or 'crit'");
                    } else if (warn != null && crit != null
                            && (dir == AlertRule.Direction.ABOVE ? warn > crit : warn < crit)) {
                        problems.add("warn " + warn + " must not be past crit " + crit + " for direction " + dir.name().toLowerCase(Locale.ROOT));
                    }
                    if (hysteresis != null && hysteresis < 0) {
                        problems.add("hysteresis must not be negative, got " + hysteresis);
                    }
                    if (problems.isEmpty()) {
                        rule = new AlertRule.Threshold(name, measurement, fieldName, tagMap, groups, aggregation, windowLength, dir,
                                Optional.ofNullable(warn), Optional.ofNullable(crit), hysteresis == null ? 0 : hysteresis);
                    }
                }
                case "deadman" -> {
                    Duration silence = after == null ? null : parseDuration(after, "after", problems);
                    if (after == null) {
                        problems.add("a deadman rule needs 'after' (e.g. after: 5m)");
                    }
                    Level deadLevel = Level.CRIT;
                    if (level != null) {
                        try {
                            deadLevel = Level.valueOf(level.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            problems.add("level '" + level + "' is not warn or crit");
                        }
                    }
                    Duration back = lookback == null ? null : parseDuration(lookback, "lookback", problems);
                    if (problems.isEmpty()) {
                        Duration defaultLookback = silence.multipliedBy(10).compareTo(Duration.ofHours(1)) > 0
                                ? silence.multipliedBy(10) : Duration.ofHours(1);
                        rule = new AlertRule.Deadman(name, measurement, fieldName, tagMap, groups, silence, deadLevel,
                                back == null ? defaultLookback : back);
                    }
                }
                default -> problems.add("type '" + type + "' is not 'threshold' or 'deadman'");
            }
            if (!problems.isEmpty()) {
                throw MonitorException.invalid(where + ": " + String.join("; ", problems));
            }
            return rule;
        }
    }
}
