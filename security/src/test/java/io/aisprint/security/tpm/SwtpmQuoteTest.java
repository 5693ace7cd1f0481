package io.aisprint.security.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.security.boot.HashAlgorithm;
import io.aisprint.security.boot.PcrValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A quote from a real (software) TPM, verified in Java: signature, nonce and PCR digest. */
class SwtpmQuoteTest {

    @Test
    void rsaAndEccQuotesVerifyAndTamperingIsCaught(@TempDir Path dir) throws Exception {
        try (SoftwareTpm tpm = SoftwareTpm.start(dir)) {
            tpm.run("tpm2_createek", "-c", "ek.ctx", "-G", "rsa", "-u", "ek.pub");
            tpm.flush();
            tpm.run("tpm2_createak", "-C", "ek.ctx", "-c", "rsa-ak.ctx", "-G", "rsa", "-g", "sha256", "-s", "rsassa", "-u", "rsa-ak.pub");
            tpm.flush();
            tpm.run("tpm2_createak", "-C", "ek.ctx", "-c", "ecc-ak.ctx", "-G", "ecc", "-g", "sha256", "-s", "ecdsa", "-u", "ecc-ak.pub");
            tpm.flush();
            byte[] measurement = HashAlgorithm.SHA256.hash("hello".getBytes(StandardCharsets.US_ASCII));
            tpm.run("tpm2_pcrextend", "16:sha256=" + HexFormat.of().formatHex(measurement));
            tpm.run("tpm2_pcrextend", "16:sha256=" + HexFormat.of().formatHex(measurement));

            PcrValues reported = PcrFiles.parse(tpm.run("tpm2_pcrread", "sha256:0,7,16").getBytes(StandardCharsets.UTF_8), "tpm2_pcrread");
            byte[] once = HashAlgorithm.SHA256.hash(new byte[32], measurement);
            byte[] twice = HashAlgorithm.SHA256.hash(once, measurement);
            assertThat(reported.get(HashAlgorithm.SHA256, 16)).hasValueSatisfying(v -> assertThat(v).isEqualTo(twice));
            assertThat(HexFormat.of().formatHex(twice)).isEqualTo("5c52980c99ec28269be96cb022b3ec4dd2617bb48ee7568a006b1eed9bcc2c5a");

            byte[] nonce = HexFormat.of().parseHex("0badc0de11223344");
            for (String key : new String[] {"rsa", "ecc"}) {
                tpm.flush();
                tpm.run("tpm2_quote", "-c", key + "-ak.ctx", "-l", "sha256:0,7,16", "-q", HexFormat.of().formatHex(nonce),
                    "-m", key + ".msg", "-s", key + ".sig", "-g", "sha256");
                byte[] attest = Files.readAllBytes(tpm.file(key + ".msg"));
                byte[] signature = Files.readAllBytes(tpm.file(key + ".sig"));
                PublicKey ak = QuoteEvidence.readKey(Files.readAllBytes(tpm.file(key + "-ak.pub")), key + "-ak.pub");

                QuoteVerifier.Result good = QuoteVerifier.verify(attest, signature, ak, nonce, reported);
                assertThat(good.reasons()).as(key).isEmpty();
                assertThat(good.quote().selection().get(HashAlgorithm.SHA256)).containsExactly(0, 7, 16);

                assertThat(QuoteVerifier.verify(attest, signature, ak, HexFormat.of().parseHex("0badc0de11223345"), reported).reasons())
                    .as(key + " with another nonce").singleElement().asString().contains("nonce");
                PcrValues claimed = new PcrValues();
                claimed.put(HashAlgorithm.SHA256, 16, once);
                assertThat(QuoteVerifier.verify(attest, signature, ak, nonce, claimed).reasons())
                    .as(key + " against other PCR values").singleElement().asString().contains("PCR digest");
                byte[] forged = attest.clone();
                forged[forged.length - 1] ^= 0x01;
                assertThat(QuoteVerifier.verify(forged, signature, ak, nonce, reported).reasons())
                    .as(key + " with a changed byte").anyMatch(r -> r.contains("signature does not verify"));
            }
        }
    }
}
