package io.aisprint.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.security.TrustException;
import io.aisprint.security.boot.BootReport;
import io.aisprint.security.boot.BootVerifier;
import io.aisprint.security.boot.EventLog;
import io.aisprint.security.boot.EventLogFiles;
import io.aisprint.security.boot.PcrValues;
import io.aisprint.security.boot.ReferenceState;
import io.aisprint.security.boot.ReferenceStates;
import io.aisprint.security.tpm.PcrFiles;
import io.aisprint.security.tpm.QuoteEvidence;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint trust verify-boot}: replay an event log and judge the boot. */
@Command(name = "verify-boot", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = {
        "Parse a TCG PC Client event log (binary_bios_measurements; SHA1 legacy or crypto-agile, raw or",
        "base64), replay its PCRs and judge the boot: against a Keylime-style reference state",
        "(--policy), against the PCR values the TPM reports (--pcrs) and against a signed TPM quote",
        "(--quote with --ak, and --signature for a raw TPMS_ATTEST).",
    },
    footer = {
        "",
        "Examples:",
        "  aisprint trust verify-boot /sys/kernel/security/tpm0/binary_bios_measurements --json",
        "  aisprint trust verify-boot node.log --policy refstate.json --quote quote.msg --signature quote.sig \\",
        "      --ak ak.pub --pcrs pcrs.txt --nonce 0badc0de",
        "",
        "Exit codes: 0 pass, 1 fail (reasons listed), 2 unreadable or malformed input.",
    })
public final class TrustVerifyBootCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EVENTLOG", description = "the event log (binary or base64)")
    Path eventLog;

    @Option(names = "--policy", paramLabel = "REF.json", description = "reference state (Keylime mb_refstate JSON; see docs/security.md)")
    Path policy;

    @Option(names = "--pcrs", paramLabel = "P", description = "PCR values the TPM reports: tpm2_pcrread output or {bank: {index: hex}} JSON")
    Path pcrs;

    @Option(names = "--quote", paramLabel = "Q", description = "TPMS_ATTEST (tpm2_quote -m) or a Keylime quote string r<b64>:<b64>:<b64>")
    Path quote;

    @Option(names = "--signature", paramLabel = "S", description = "TPMT_SIGNATURE of a raw quote (tpm2_quote -s)")
    Path signature;

    @Option(names = "--ak", paramLabel = "AK", description = "attestation key: TPM2B_PUBLIC (tpm2_createak -u) or PEM")
    Path ak;

    @Option(names = "--nonce", paramLabel = "HEX", defaultValue = "", description = "the nonce the quote must carry (hex; default: empty)")
    String nonce;

    @Option(names = "--json", description = "print {\"format\", \"events\", \"pcrs\", \"verdict\", \"reasons\"}")
    boolean json;

    @Override
    public Integer call() {
        try {
            if ((quote == null) != (ak == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--quote and --ak go together");
            }
            EventLog log = EventLogFiles.read(eventLog);
            Optional<ReferenceState> state = Optional.ofNullable(policy).map(p -> ReferenceStates.parse(EventLogFiles.readBytes(p), p.toString()));
            Optional<PcrValues> reported = Optional.ofNullable(pcrs).map(p -> PcrFiles.parse(EventLogFiles.readBytes(p), p.toString()));
            Optional<QuoteEvidence> evidence = Optional.ofNullable(quote).map(q -> QuoteEvidence.of(EventLogFiles.readBytes(q),
                signature == null ? null : EventLogFiles.readBytes(signature),
                QuoteEvidence.readKey(EventLogFiles.readBytes(ak), ak.toString()), q.toString()));
            byte[] expectedNonce;
            try {
                expectedNonce = HexFormat.of().parseHex(nonce);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--nonce must be hex, got '" + nonce + "'");
            }
            BootReport report = BootVerifier.verify(log, state, reported, evidence, expectedNonce);
            print(report);
            return report.passed() ? ExitCodes.OK : ExitCodes.INVALID;
        } catch (TrustException e) {
            return TrustCommand.report(e, json, spec);
        }
    }

    private void print(BootReport report) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = TrustCommand.JSON.createObjectNode();
            node.put("format", report.format().label()).put("events", report.events());
            node.set("pcrs", TrustCommand.JSON.valueToTree(report.pcrs().toHex()));
            node.put("verdict", report.verdict());
            report.reasons().forEach(node.putArray("reasons")::add);
            if (report.reasons().isEmpty()) {
                node.putArray("reasons");
            }
            out.println(node.toPrettyString());
            return;
        }
        out.println(eventLog + ": " + report.format().label() + ", " + report.events() + " events");
        report.pcrs().toHex().forEach((bank, values) -> values.forEach((index, hex) -> out.println("  " + bank + " PCR" + index + " " + hex)));
        out.println("verdict: " + report.verdict());
        report.reasons().forEach(reason -> out.println("  - " + reason));
    }
}
