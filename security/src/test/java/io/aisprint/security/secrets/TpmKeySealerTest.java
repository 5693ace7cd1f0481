package io.aisprint.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.tpm.SoftwareTpm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault's master key sealed to a (software) TPM and bound to PCR7. */
class TpmKeySealerTest {

    @Test
    void theVaultOpensOnlyWhileTheTpmAndPcr7AreUnchanged(@TempDir Path dir) throws Exception {
        try (SoftwareTpm tpm = SoftwareTpm.start(dir.resolve("tpm"))) {
            KeySealer sealer = new TpmKeySealer(tpm.tcti(), "sha256:7");
            SecretVault vault = new SecretVault(dir.resolve("vault"), sealer);
            vault.put("session", "secret value".getBytes(StandardCharsets.UTF_8));
            assertThat(Files.exists(dir.resolve("vault/master.key"))).isFalse();
            assertThat(Files.readAllBytes(dir.resolve("vault/master.key.tpm")).length).isGreaterThan(100);

            SecretVault reopened = new SecretVault(dir.resolve("vault"), sealer);
            assertThat(reopened.get("session")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("secret value"));

            tpm.run("tpm2_pcrextend", "7:sha256=" + "11".repeat(32));
            assertThatThrownBy(() -> new SecretVault(dir.resolve("vault"), sealer)).isInstanceOf(TrustException.class)
                .satisfies(e -> assertThat(((TrustException) e).code()).isEqualTo(TrustErrorCode.TAMPERED))
                .hasMessageContaining("refused to unseal");
        }
    }
}
