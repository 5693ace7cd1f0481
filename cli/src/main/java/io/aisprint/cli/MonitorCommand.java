package io.aisprint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.monitor.AgentConfig;
import io.aisprint.monitor.AlertRule;
import io.aisprint.monitor.ForwardingAgent;
import io.aisprint.monitor.MetricStores;
import io.aisprint.monitor.MonitorException;
import io.aisprint.monitor.MonitorServer;
import io.aisprint.monitor.QueryParameters;
import io.aisprint.monitor.RuleEngine;
import io.aisprint.monitor.RuleSet;
import io.aisprint.monitor.ServerConfig;
import io.aisprint.monitor.spi.MetricStore;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aisprint monitor}: the metrics server, the edge agent, queries and rule checks. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    subcommands = {
        MonitorCommand.Serve.class,
        MonitorCommand.Agent.class,
        MonitorCommand.Query.class,
        MonitorCommand.CheckRules.class,
    },
    description = {
        "Collect metrics from every component and node, store them, query them and raise alerts.",
        "",
        "Writes use InfluxDB line protocol, so existing clients work unchanged: HTTP",
        "POST /write?db=NAME (InfluxDB 1.x), POST /api/v2/write?org=O&bucket=B (2.x) and UDP",
        "(the AI-SPRINT monitoring client sends to port 8094).",
        "",
        "  serve        run the server (embedded store, or a real InfluxDB 1.x behind it)",
        "  agent        store-and-forward on an edge node whose uplink comes and goes",
        "  query        select series, windowed aggregates (mean, p95, rate, ...) or last values",
        "  check-rules  validate an alert rule file",
    })
public final class MonitorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static UserFacingException userFacing(MonitorException e) {
        int code = e.kind() == MonitorException.Kind.INVALID_INPUT ? ExitCodes.INVALID : ExitCodes.USAGE;
        return new UserFacingException(e.getMessage(), code);
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes {@code resource}. */
    static void runUntilStopped(AutoCloseable resource) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e.getMessage());
            }
            stopped.countDown();
        }, "monitor-shutdown"));
        stopped.await();
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Run the monitoring server until stopped with Ctrl-C.",
            "",
            "Answers GET /ping with 204 like InfluxDB, accepts writes on /write and /api/v2/write",
            "and on UDP, and serves InfluxQL on /query (as InfluxDB 1.x: databases, retention",
            "policies, SHOW/CREATE/DROP/DELETE), GET /api/v1/query (JSON) and /api/v1/stats. A write is",
            "answered only once it is on disk. With --rules, alert rules are evaluated every",
            "'every' (default 30s); state changes go to the rule file's webhooks and are stored",
            "in the alert_status measurement.",
            "",
            "Examples:",
            "  aisprint monitor serve --data /var/lib/aisprint-monitor",
            "  aisprint monitor serve --store influxdb --influxdb-url http://127.0.0.1:8086 --port 9086",
        })
    static final class Serve implements Callable<Integer> {
        enum StoreKind { embedded, influxdb }

        @Option(names = "--store", defaultValue = "embedded", description = "embedded (a DuckDB file under --data) or influxdb. Default: ${DEFAULT-VALUE}.")
        StoreKind store;

        @Option(names = "--data", defaultValue = "monitor-data", description = "Directory of the embedded store. Default: ${DEFAULT-VALUE}.")
        Path data;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on; 0.0.0.0 for all. Default: ${DEFAULT-VALUE}.")
        String host;

        @Option(names = "--port", defaultValue = "8086", description = "HTTP port. Default: ${DEFAULT-VALUE} (InfluxDB's).")
        int port;

        @Option(names = "--udp-port", defaultValue = "8094", description = "UDP line-protocol port, -1 for none. Default: ${DEFAULT-VALUE}.")
        int udpPort;

        @Option(names = "--max-body", defaultValue = "25MB", description = "Largest write body; larger ones get 413. Default: ${DEFAULT-VALUE}.")
        String maxBody;

        @Option(names = "--influxdb-url", defaultValue = "http://127.0.0.1:8086", description = "InfluxDB 1.x for --store influxdb. Default: ${DEFAULT-VALUE}.")
        URI influxUrl;

        @Option(names = "--influxdb-database", defaultValue = "aisprint", description = "Database in that InfluxDB (created if missing). Default: ${DEFAULT-VALUE}.")
        String influxDatabase;

        @Option(names = "--rules", description = "Alert rule file (YAML) to evaluate; see 'aisprint monitor check-rules --help'.")
        Path rules;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            MonitorServer server;
            RuleEngine engine = null;
            try {
                RuleSet ruleSet = rules == null ? null : RuleSet.load(rules);
                ServerConfig config = ServerConfig.defaults().withHost(host).withPorts(port, udpPort)
                        .withLimits(AgentConfig.parseSize(maxBody), ServerConfig.defaults().maxLineLength());
                MetricStore metricStore = store == StoreKind.embedded ? MetricStores.embedded(data)
                        : MetricStores.influxDb(influxUrl, influxDatabase);
                try {
                    server = MonitorServer.start(metricStore, config);
                } catch (RuntimeException e) {
                    metricStore.close();
                    throw e;
                }
                if (ruleSet != null) {
                    engine = new RuleEngine(metricStore, ruleSet, Clock.systemUTC());
                    engine.addListener(event -> spec.commandLine().getOut().printf("alert %s %s -> %s: %s%n",
                            event.rule(), event.previous().label(), event.level().label(), event.message()));
                    engine.startScheduled();
                }
            } catch (MonitorException e) {
                throw userFacing(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("aisprint monitor: listening on http://%s:%d%s, store %s%s%n", host, server.httpPort(),
                    server.udpPort() >= 0 ? " and udp://" + host + ":" + server.udpPort() : "",
                    store, store == StoreKind.embedded ? " in " + data.toAbsolutePath() : " at " + influxUrl);
            out.flush();
            RuleEngine rulesToClose = engine;
            runUntilStopped(() -> {
                if (rulesToClose != null) {
                    rulesToClose.close();
                }
                server.close();
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "agent", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Store-and-forward for an edge node: accept writes locally, keep them on disk while the",
            "upstream is unreachable, and forward them in order when it is back.",
            "",
            "A write is acknowledged only once it is synced to the buffer, so nothing acknowledged",
            "is lost on kill -9 or power loss. When the buffer reaches --max-buffer the oldest data",
            "is dropped first and counted (see GET /api/v1/stats). Delivery is at least once; a",
            "re-sent point has the same series and time, so InfluxDB keeps one copy.",
            "",
            "Example:",
            "  aisprint monitor agent --upstream http://cloud.example:8086 --buffer /var/lib/aisprint-agent --max-buffer 2GB",
        })
    static final class Agent implements Callable<Integer> {
        @Option(names = "--upstream", required = true, description = "Server to forward to (aisprint monitor serve or InfluxDB 1.x).")
        URI upstream;

        @Option(names = "--buffer", required = true, description = "Directory of the disk buffer.")
        Path buffer;

        @Option(names = "--max-buffer", defaultValue = "1GB", description = "Size bound of the buffer. Default: ${DEFAULT-VALUE}.")
        String maxBuffer;

        @Option(names = "--upstream-db", defaultValue = AgentConfig.DEFAULT_DATABASE, description = "db to write to upstream. Default: ${DEFAULT-VALUE}.")
        String upstreamDatabase;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
        String host;

        @Option(names = "--port", defaultValue = "8086", description = "HTTP port. Default: ${DEFAULT-VALUE}.")
        int port;

        @Option(names = "--udp-port", defaultValue = "8094", description = "UDP port, -1 for none. Default: ${DEFAULT-VALUE}.")
        int udpPort;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ForwardingAgent agent;
            try {
                AgentConfig config = new AgentConfig(ServerConfig.defaults().withHost(host).withPorts(port, udpPort), upstream,
                        buffer, AgentConfig.parseSize(maxBuffer), upstreamDatabase);
                agent = ForwardingAgent.start(config);
            } catch (MonitorException e) {
                throw userFacing(e);
            }
            spec.commandLine().getOut().printf("aisprint monitor agent: listening on http://%s:%d, buffering in %s, forwarding to %s%n",
                    host, agent.httpPort(), buffer.toAbsolutePath(), upstream);
            spec.commandLine().getOut().flush();
            runUntilStopped(agent);
            return ExitCodes.OK;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Query a running server (default), an embedded store directory or an InfluxDB.",
            "",
            "Examples:",
            "  aisprint monitor query -m execution_time -f function_duration --tag component_name=blur \\",
            "      --from now-1h --aggregate p95 --window 5m --group-by resource_id",
            "  aisprint monitor query -m cpu --aggregate last --group-by host --json",
            "",
            "Times: now, now-5m, -5m, RFC 3339 (2024-05-01T12:00:00Z) or nanoseconds since the epoch.",
            "Aggregates: mean, min, max, count, sum, first, last, rate (increase per second), pNN.",
        })
    static final class Query implements Callable<Integer> {
        @Option(names = {"-m", "--measurement"}, required = true, description = "Measurement name.")
        String measurement;

        @Option(names = {"-f", "--field"}, defaultValue = "value", description = "Field. Default: ${DEFAULT-VALUE}.")
        String field;

        @Option(names = "--tag", description = "KEY=VALUE a series must have; repeat for several.")
        List<String> tags = new ArrayList<>();

        @Option(names = "--from", defaultValue = "now-1h", description = "Start (inclusive). Default: ${DEFAULT-VALUE}.")
        String from;

        @Option(names = "--to", defaultValue = "now", description = "End (exclusive). Default: ${DEFAULT-VALUE}.")
        String to;

        @Option(names = "--aggregate", description = "Aggregate per window (or over the whole range without --window).")
        String aggregate;

        @Option(names = "--window", description = "Window length, e.g. 30s, 5m.")
        String window;

        @Option(names = "--group-by", split = ",", description = "Tags to group by; * for every series.")
        List<String> groupBy = new ArrayList<>();

        @Option(names = "--server", defaultValue = "http://127.0.0.1:8086", description = "Running aisprint monitor server. Default: ${DEFAULT-VALUE}.")
        URI server;

        @Option(names = "--data", description = "Read an embedded store directory directly (the server must be stopped).")
        Path data;

        @Option(names = "--influxdb-url", description = "Query an InfluxDB 1.x directly.")
        URI influxUrl;

        @Option(names = "--influxdb-database", defaultValue = "aisprint", description = "Database for --influxdb-url. Default: ${DEFAULT-VALUE}.")
        String influxDatabase;

        @Option(names = "--json", description = "Print the JSON answer instead of a table.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            JsonNode result;
            try {
                if (data != null || influxUrl != null) {
                    try (MetricStore store = data != null ? MetricStores.embedded(data) : MetricStores.influxDb(influxUrl, influxDatabase)) {
                        result = QueryParameters.toJson(store.query(
                                QueryParameters.parse(parameters(), Clock.systemUTC())));
                    }
                } else {
                    result = fromServer();
                }
            } catch (MonitorException e) {
                throw userFacing(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(result.toPrettyString());
                return ExitCodes.OK;
            }
            if (result.path("series").isEmpty()) {
                out.println("no data");
            }
            for (JsonNode series : result.path("series")) {
                out.println(series.path("measurement").asText() + " " + series.path("tags").toString());
                for (JsonNode sample : series.path("samples")) {
                    out.printf("  %-32s %s%n", sample.path("time").asText(), sample.path("value").asText());
                }
            }
            return ExitCodes.OK;
        }

        private QueryParameters.ParameterSource parameters() {
            return new QueryParameters.ParameterSource() {
                @Override
                public String get(String name) {
                    return switch (name) {
                        case "measurement" -> measurement;
                        case "field" -> field;
                        case "from" -> from;
                        case "to" -> to;
                        case "aggregate" -> aggregate;
                        case "window" -> window;
                        case "groupBy" -> String.join(",", groupBy);
                        default -> null;
                    };
                }

                @Override
                public List<String> all(String name) {
                    return name.equals("tag") ? tags : List.of();
                }
            };
        }

        private JsonNode fromServer() throws Exception {
            StringBuilder url = new StringBuilder(server.toString().replaceAll("/+$", "")).append("/api/v1/query?");
            var params = parameters();
            for (String name : List.of("measurement", "field", "from", "to", "aggregate", "window", "groupBy")) {
                String value = params.get(name);
                if (value != null && !value.isEmpty()) {
                    url.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
                }
            }
            for (String tag : tags) {
                url.append("tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8)).append('&');
            }
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                        HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new UserFacingException("Cannot reach the monitor server at " + server + ": " + e.getMessage()
                        + "\nMaybe it is not running; start it with 'aisprint monitor serve', or read a store with --data.", ExitCodes.USAGE);
            }
            JsonNode body = new ObjectMapper().readTree(response.body());
            if (response.statusCode() != 200) {
                throw new UserFacingException(body.path("error").asText("server answered " + response.statusCode()),
                        response.statusCode() == 400 ? ExitCodes.INVALID : ExitCodes.USAGE);
            }
            return body;
        }
    }

    @Command(name = "check-rules", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Validate an alert rule file and list its rules. Every problem is reported at once.",
            "",
            "A file has 'rules' (threshold or deadman), 'qos' (limits per component or path)",
            "and 'webhooks'; see docs/monitor.md for every key.",
        })
    static final class CheckRules implements Callable<Integer> {
        @CommandLine.Parameters(paramLabel = "FILE", description = "The YAML rule file.")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RuleSet rules;
            try {
                rules = RuleSet.load(file);
            } catch (MonitorException e) {
                throw userFacing(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s: %d rule(s), %d webhook(s), evaluated every %s%n", file, rules.rules().size(), rules.webhooks().size(), Durations.human(rules.every()));
            for (AlertRule rule : rules.rules()) {
                out.println("  " + rule.name() + " (" + rule.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            return ExitCodes.OK;
        }
    }
}
