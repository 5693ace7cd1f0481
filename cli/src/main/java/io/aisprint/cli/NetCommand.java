package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.security.net.Attempt;
import io.aisprint.security.net.NetCheck;
import io.aisprint.security.net.NetException;
import io.aisprint.security.net.NetworkPolicy;
import io.aisprint.security.net.PolicyFile;
import io.aisprint.security.net.dataplane.DataPlane;
import io.aisprint.security.net.dataplane.FlowController;
import io.aisprint.security.net.dataplane.NftRules;
import io.aisprint.security.net.dataplane.Topology;
import io.aisprint.security.net.pipeline.P4RuntimeJson;
import io.aisprint.security.net.pipeline.Pipeline;
import io.aisprint.security.net.pipeline.PolicyCompiler;
import io.aisprint.security.net.pipeline.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint net}: micro-segmentation of 5G local breakout traffic on a real nftables data plane. */
@Command(name = "net", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    subcommands = {NetCommand.Compile.class, NetCommand.Apply.class, NetCommand.Check.class},
    description = {
        "Let each enrolled 5G device reach only the MEC services it is granted: a policy (services,",
        "devices, grants, ACLs) is compiled to UP4-style tables and enforced by nftables in network",
        "namespaces standing for the UE side, the breakout UPF, two transport nodes and the MEC site.",
        "The first packet of an unknown flow goes to the controller, which installs the flow on every",
        "node of its path; everything else is dropped. apply and check need root, nft, ip and python3.",
        "",
        "  compile  print the tables as P4Runtime-style entries, or the nftables rule sets",
        "  apply    build the namespaces, install the rules and run the controller until Ctrl-C",
        "  check    open a real TCP connection per scenario attempt; report observed vs expected",
    })
public final class NetCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static int exitCode(NetException e) {
        return switch (e.code()) {
            case INVALID_POLICY -> ExitCodes.INVALID;
            case UNREADABLE, DATAPLANE_UNAVAILABLE, DATAPLANE_FAILED -> ExitCodes.USAGE;
        };
    }

    /** Prints the error as JSON (with --json) or turns it into the CLI's one-line error. */
    static int fail(NetException e, boolean json, PrintWriter out) {
        if (!json) {
            throw new UserFacingException(e.getMessage(), exitCode(e));
        }
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("code", e.code().name()).put("message", e.getMessage());
        out.println(error.toPrettyString());
        return exitCode(e);
    }

    @Command(name = "compile", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Compile a policy and print its tables (no root needed).",
            "",
            "Examples:",
            "  aisprint net compile examples/security/net-policy.yaml",
            "  aisprint net compile examples/security/net-policy.yaml --format nft",
        })
    static final class Compile implements Callable<Integer> {
        enum Format { p4runtime, nft, summary }

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "POLICY", description = "Policy YAML (services, devices, grants, acls).")
        Path policyFile;

        @Option(names = "--format", defaultValue = "p4runtime", description = "p4runtime (JSON entries), nft (the proactive UPF rule set and the path-node rule set) or summary. Default: ${DEFAULT-VALUE}.")
        Format format;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Pipeline pipeline = PolicyCompiler.compile(PolicyFile.read(policyFile));
                switch (format) {
                    case p4runtime -> out.println(P4RuntimeJson.render(pipeline).toPrettyString());
                    case nft -> out.println("# UPF, proactive (whole pipeline)\n" + NftRules.proactive(pipeline, DataPlane.PUNT_GROUP)
                        + "\n# UPF, reactive (flows installed by the controller; r1 and r2 the same without the punt rule)\n"
                        + NftRules.pathNode(DataPlane.PUNT_GROUP));
                    default -> {
                        for (Table table : pipeline.tables()) {
                            out.printf(Locale.ROOT, "%-26s %6d entries, default %s%n", table.name(), table.size(), table.defaultAction().name());
                        }
                    }
                }
                return ExitCodes.OK;
            } catch (NetException e) {
                return fail(e, false, out);
            }
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Build the namespaces for a policy, install the rule sets and run the controller until",
            "Ctrl-C (or --for seconds); the namespaces are removed on exit. While it runs, try it with",
            "  ip netns exec aisp-RUN-ue python3 -c \"import socket; socket.create_connection(('10.60.0.10', 8080), 3)\"",
            "",
            "Examples:",
            "  sudo aisprint net apply examples/security/net-policy.yaml",
            "  sudo aisprint net apply examples/security/net-policy.yaml --proactive --for 60",
        })
    static final class Apply implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "POLICY", description = "Policy YAML.")
        Path policyFile;

        @Option(names = "--proactive", description = "Install the whole compiled pipeline in the UPF instead of running the controller.")
        boolean proactive;

        @Option(names = "--for", paramLabel = "SECONDS", description = "Stop after this many seconds instead of waiting for Ctrl-C.")
        Long seconds;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            try {
                NetworkPolicy policy = PolicyFile.read(policyFile);
                DataPlane plane = DataPlane.start(policy, proactive);
                Topology topology = plane.topology();
                out.printf(Locale.ROOT, "data plane up (run %s, %s): namespaces %s; rule sets installed in %.1f ms%n", topology.runId(),
                    proactive ? "proactive" : "controller", String.join(", ", List.of("ue", "upf", "r1", "r2", "mec").stream().map(topology::namespace).toList()),
                    plane.installMicros() / 1000.0);
                out.flush();
                if (seconds != null) {
                    Thread.sleep(seconds * 1000);
                    report(out, plane);
                    plane.close();
                } else {
                    MonitorCommand.runUntilStopped(() -> {
                        report(out, plane);
                        plane.close();
                    });
                }
                return ExitCodes.OK;
            } catch (NetException e) {
                return fail(e, false, out);
            }
        }

        private static void report(PrintWriter out, DataPlane plane) {
            if (plane.controller() != null) {
                for (FlowController.Decision decision : plane.controller().decisions()) {
                    out.printf(Locale.ROOT, "%s %s (%s, %.2f ms)%n", decision.allowed() ? "allowed" : "dropped", decision.flow(), decision.reason(), decision.micros() / 1000.0);
                }
            }
            out.flush();
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Build the data plane, open one real TCP connection per scenario attempt and report what",
            "got through against what the scenario expects. Exit 1 if any attempt differs.",
            "",
            "Examples:",
            "  sudo aisprint net check examples/security/net-policy.yaml --scenario examples/security/net-scenario.yaml",
            "  sudo aisprint net check examples/security/net-policy.yaml --scenario examples/security/net-scenario.yaml --json",
        })
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "POLICY", description = "Policy YAML.")
        Path policyFile;

        @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "Scenario YAML: attempts: [{device, service, expect: allow|deny}].")
        Path scenarioFile;

        @Option(names = "--proactive", description = "Check the proactive rule set (no controller) instead.")
        boolean proactive;

        @Option(names = "--timeout-ms", defaultValue = "2500", description = "How long a connection may take before it counts as dropped (the first packet of a flow costs one TCP retransmission, 1 s). Default: ${DEFAULT-VALUE}.")
        long timeoutMillis;

        @Option(names = "--json", description = "Machine-readable output (errors too).")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                NetworkPolicy policy = PolicyFile.read(policyFile);
                List<Attempt> attempts = PolicyFile.readScenario(scenarioFile, policy);
                List<NetCheck.Result> results = NetCheck.run(policy, attempts, proactive, timeoutMillis);
                long mismatches = results.stream().filter(r -> !r.matches()).count();
                if (json) {
                    ObjectNode root = JSON.createObjectNode();
                    ArrayNode array = root.putArray("attempts");
                    for (NetCheck.Result result : results) {
                        array.addObject().put("device", result.attempt().device()).put("service", result.attempt().service())
                            .put("expect", result.attempt().expectAllow() ? "allow" : "deny").put("observed", result.observedAllow() ? "allow" : "deny")
                            .put("connect_ms", Math.round(result.connectMillis() * 100) / 100.0).put("detail", result.detail());
                    }
                    root.put("mismatches", mismatches);
                    out.println(root.toPrettyString());
                } else {
                    out.printf(Locale.ROOT, "%-20s %-20s %-7s %-8s %10s%n", "device", "service", "expect", "observed", "ms");
                    for (NetCheck.Result result : results) {
                        out.printf(Locale.ROOT, "%-20s %-20s %-7s %-8s %10.2f%s%n", result.attempt().device(), result.attempt().service(),
                            result.attempt().expectAllow() ? "allow" : "deny", result.observedAllow() ? "allow" : "deny", result.connectMillis(),
                            result.matches() ? "" : "  MISMATCH");
                    }
                    out.println(mismatches == 0 ? "all " + results.size() + " attempts as expected" : mismatches + " of " + results.size() + " attempts differ");
                }
                return mismatches == 0 ? ExitCodes.OK : ExitCodes.INVALID;
            } catch (NetException e) {
                return fail(e, json, out);
            }
        }
    }
}
