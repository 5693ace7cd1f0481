package io.aisprint.security.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.security.secrets.CertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class PolicyStoreTest {
    private final KeyPair owner = CertificateAuthority.generate("P-256");
    private final KeyPair stranger = CertificateAuthority.generate("Ed25519");

    @Test
    void updatesNeedThePredecessorAndTheOwnersKey() throws Exception {
        PolicyStore store = new PolicyStore();
        byte[] first = SessionPolicyParserTest.example();
        PolicyStore.Version v1 = store.create(first, owner.getPublic(), OwnerKeys.sign(owner.getPrivate(), first));
        assertThat(v1.hash()).isEqualTo(PolicyStore.hash(first)).hasSize(64);

        byte[] second = (SessionPolicyParserTest.exampleText().replace("size: 24", "size: 32") + "predecessor: " + v1.hash() + "\n")
            .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> store.update(second, stranger.getPublic(), OwnerKeys.sign(stranger.getPrivate(), second)))
            .hasMessageContaining("may not update 'fl-training'");
        assertThatThrownBy(() -> store.update(second, owner.getPublic(), OwnerKeys.sign(stranger.getPrivate(), second)))
            .hasMessageContaining("signature does not verify");
        PolicyStore.Version v2 = store.update(second, owner.getPublic(), OwnerKeys.sign(owner.getPrivate(), second));
        assertThat(store.current("fl-training")).contains(v2);
        assertThat(v2.policy().secret("db_password").orElseThrow().size()).isEqualTo(32);

        // The same update again names a predecessor that is no longer current: a lost update is refused.
        assertThatThrownBy(() -> store.update(second, owner.getPublic(), OwnerKeys.sign(owner.getPrivate(), second)))
            .hasMessageContaining("is not the current version " + v2.hash());
        assertThatThrownBy(() -> store.create(first, owner.getPublic(), OwnerKeys.sign(owner.getPrivate(), first)))
            .hasMessageContaining("exists");
        assertThat(store.history("fl-training")).containsExactly(v1, v2);
    }
}
