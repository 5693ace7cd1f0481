package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisprint.security.TrustException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aisprint trust}: measured boot, attestation and secrets. */
@Command(name = "trust", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    subcommands = {TrustVerifyBootCommand.class, TrustCreateRefstateCommand.class, TrustPolicyCommand.class, TrustServeCommand.class},
    description = {
        "The trust layer: verify a node's measured boot (TCG event log, TPM quote, Keylime-style",
        "reference state), check session policies, and run the attestation and secret service that",
        "gives secrets and certificates only to attested services.",
    })
public final class TrustCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit 2 for input that cannot be read or parsed, 1 for well-formed input that is refused. */
    static int exitCode(TrustException error) {
        return switch (error.code()) {
            case UNREADABLE, EVENT_LOG_MALFORMED, TPM_STRUCTURE_MALFORMED, POLICY_MALFORMED -> ExitCodes.USAGE;
            case POLICY_UPDATE_REFUSED, ATTESTATION_REFUSED, SECRET_REFUSED, TAMPERED, EXTERNAL -> ExitCodes.INVALID;
        };
    }

    /** Reports an error as one line, or as {"error", "code"} JSON with --json; returns the exit code. */
    static int report(TrustException error, boolean json, CommandLine.Model.CommandSpec spec) {
        if (json) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(JSON.valueToTree(Map.of("error", error.getMessage(), "code", error.code().name())).toPrettyString());
        } else {
            spec.commandLine().getErr().println("error: " + error.getMessage());
        }
        return exitCode(error);
    }
}
