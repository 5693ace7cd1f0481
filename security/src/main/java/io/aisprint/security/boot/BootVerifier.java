package io.aisprint.security.boot;

import io.aisprint.security.tpm.QuoteEvidence;
import io.aisprint.security.tpm.QuoteVerifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Measured-boot verification of one node: replay the log, check the result against a reference
 * state, and, when the TPM's word is there, against the PCR values it reports and the quote it
 * signed. Without a quote, a log proves nothing by itself (anyone can write one): the caller
 * decides whether an unquoted verdict is enough.
 */
public final class BootVerifier {
    private BootVerifier() {
    }

    public static BootReport verify(EventLog log, Optional<ReferenceState> state, Optional<PcrValues> reportedPcrs,
                                    Optional<QuoteEvidence> quote, byte[] nonce) {
        PcrValues replayed = PcrReplay.replay(log);
        List<String> reasons = new ArrayList<>();
        state.ifPresent(s -> reasons.addAll(BootPolicy.evaluate(log, replayed, s)));
        reportedPcrs.ifPresent(reported -> compare(replayed, reported, reasons));
        quote.ifPresent(q -> reasons.addAll(QuoteVerifier.verify(q.attest(), q.signature(), q.attestationKey(), nonce,
            reportedPcrs.orElse(replayed)).reasons()));
        return new BootReport(log.format(), log.events().size(), replayed, reasons);
    }

    /** Every PCR the log extends must hold the replayed value in the TPM's report (banks the report has). */
    private static void compare(PcrValues replayed, PcrValues reported, List<String> reasons) {
        replayed.banks().forEach((bank, values) -> {
            if (!reported.banks().containsKey(bank)) {
                return;
            }
            values.forEach((index, value) -> {
                byte[] actual = reported.valueOrReset(bank, index);
                if (!Arrays.equals(actual, value)) {
                    reasons.add(bank.bankName() + " PCR" + index + ": the log replays to " + HexFormat.of().formatHex(value)
                        + ", the TPM reports " + HexFormat.of().formatHex(actual));
                }
            });
        });
    }
}
