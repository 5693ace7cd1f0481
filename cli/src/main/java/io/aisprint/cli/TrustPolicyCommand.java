package io.aisprint.cli;

import io.aisprint.security.TrustException;
import io.aisprint.security.boot.EventLogFiles;
import io.aisprint.security.policy.PolicyStore;
import io.aisprint.security.policy.SessionPolicy;
import io.aisprint.security.policy.SessionPolicyParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint trust check-policy}: validate a session policy and print its hash. */
@Command(name = "check-policy", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = {
        "Check a session policy (YAML) strictly: unknown keys, bad names and hex, dangling secret,",
        "volume and service references are named with their place. Prints the version hash an",
        "update must give as 'predecessor'.",
    },
    footer = {
        "",
        "Example:",
        "  aisprint trust check-policy session.yaml --json",
        "",
        "Exit codes: 0 valid, 2 unreadable or invalid policy.",
    })
public final class TrustPolicyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "POLICY")
    Path policy;

    @Option(names = "--json", description = "print {\"name\", \"hash\", \"services\", \"secrets\", \"volumes\"}")
    boolean json;

    @Override
    public Integer call() {
        try {
            byte[] bytes = EventLogFiles.readBytes(policy);
            SessionPolicy parsed = SessionPolicyParser.parse(bytes, policy.toString());
            String hash = PolicyStore.hash(bytes);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                var node = TrustCommand.JSON.createObjectNode().put("name", parsed.name()).put("hash", hash);
                parsed.services().forEach(s -> node.withArray("services").add(s.name()));
                parsed.secrets().forEach(s -> node.withArray("secrets").add(s.name()));
                parsed.volumes().forEach(v -> node.withArray("volumes").add(v.name()));
                out.println(node.toPrettyString());
            } else {
                out.println(policy + ": valid session '" + parsed.name() + "', " + parsed.services().size() + " services, "
                    + parsed.secrets().size() + " secrets, " + parsed.volumes().size() + " volumes");
                out.println("hash " + hash);
            }
            return ExitCodes.OK;
        } catch (TrustException e) {
            return TrustCommand.report(e, json, spec);
        }
    }
}
