package io.aisprint.security.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.security.Anchors;
import io.aisprint.security.boot.BootReport;
import io.aisprint.security.boot.BootVerifier;
import io.aisprint.security.boot.EventLog;
import io.aisprint.security.boot.EventLogParser;
import io.aisprint.security.boot.HashAlgorithm;
import io.aisprint.security.boot.PcrValues;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** go-attestation's Windows GCP shielded VM dump: AK, quote, signature, PCRs and log, end to end. */
class WindowsQuoteAnchorTest {
    private static final Base64.Decoder B64 = Base64.getDecoder();

    @Test
    void quoteSignatureDigestAndLogReplayAllHold() throws Exception {
        JsonNode dump = new ObjectMapper().readTree(Anchors.eventLogs().resolve("go-attestation/windows_gcp_shielded_vm.json").toFile());
        byte[] attest = B64.decode(dump.at("/Quote/Quote").asText());
        byte[] signature = B64.decode(dump.at("/Quote/Signature").asText());
        var key = Tpm2Structures.parsePublic(B64.decode(dump.at("/AK/Public").asText()));
        PcrValues reported = new PcrValues();
        dump.at("/Log/PCRs").forEach(pcr -> reported.put(HashAlgorithm.SHA1, pcr.get("Index").asInt(), B64.decode(pcr.get("Digest").asText())));
        EventLog log = EventLogParser.parse(B64.decode(dump.at("/Log/Raw").asText()), "Log.Raw");

        QuoteInfo quote = Tpm2Structures.parseQuote(attest);
        assertThat(quote.selection().get(HashAlgorithm.SHA1)).hasSize(24);
        assertThat(HexFormat.of().formatHex(quote.pcrDigest())).isEqualTo("a610f27bc687ce906243287d832706036e79f6e1");
        assertThat(log.events()).hasSize(21);

        BootReport report = BootVerifier.verify(log, Optional.empty(), Optional.of(reported),
            Optional.of(new QuoteEvidence(attest, signature, key)), new byte[0]);
        assertThat(report.reasons()).isEmpty();

        byte[] tampered = attest.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(QuoteVerifier.verify(tampered, signature, key, new byte[0], reported).reasons())
            .anyMatch(r -> r.contains("signature does not verify"));
        assertThat(QuoteVerifier.verify(attest, signature, key, new byte[] {1, 2, 3}, reported).reasons())
            .anyMatch(r -> r.contains("nonce"));
        PcrValues otherPcrs = new PcrValues();
        otherPcrs.put(HashAlgorithm.SHA1, 7, new byte[20]);
        assertThat(QuoteVerifier.verify(attest, signature, key, new byte[0], otherPcrs).reasons())
            .anyMatch(r -> r.contains("PCR digest"));
    }
}
