package io.aisprint.security.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.boot.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SessionPolicyParserTest {

    static byte[] example() throws IOException {
        try (InputStream in = SessionPolicyParserTest.class.getResourceAsStream("/policies/fl-training.yaml")) {
            return in.readAllBytes();
        }
    }

    static String exampleText() throws IOException {
        return new String(example(), StandardCharsets.UTF_8);
    }

    @Test
    void theExampleSessionParses() throws IOException {
        SessionPolicy policy = SessionPolicyParser.parse(example(), "fl-training.yaml");
        assertThat(policy.name()).isEqualTo("fl-training");
        SessionPolicy.Service aggregator = policy.service("aggregator").orElseThrow();
        assertThat(aggregator.command()).containsExactly("java", "-jar", "aggregator.jar", "--tls-key", "$$SCONE::aggregator_key$$");
        assertThat(aggregator.attestation()).singleElement().satisfies(v -> {
            assertThat(v.tpm().orElseThrow().measurementPcr()).contains(16);
            assertThat(v.tpm().orElseThrow().pcrs().get(HashAlgorithm.SHA256)).containsKey(7);
        });
        assertThat(SessionPolicyParser.referencedSecrets(aggregator)).containsExactlyInAnyOrder("aggregator_key", "db_password", "aggregator_cert");
        assertThat(SessionPolicyParser.referencedSecrets(policy.service("trainer").orElseThrow())).containsExactly("api_token");
        assertThat(policy.service("trainer").orElseThrow().talksTo()).containsExactly("aggregator");
        assertThat(policy.secret("api_token").orElseThrow().exportTo()).containsExactly("fl-monitoring");
        assertThat(policy.accessPolicy().update()).containsExactly("CREATOR");
    }

    @Test
    void problemsAreNamedWithTheirPlace() throws IOException {
        String text = exampleText();
        assertRejected(text.replace("    talks_to: [aggregator]", "    talks_to: [aggregator]\n    talk_to: [x]"),
            "unknown key 'services[1].talk_to'");
        assertRejected(text.replace("talks_to: [aggregator]", "talks_to: [database]"), "services[1].talks_to: no service named 'database'");
        assertRejected(text.replace("$$SCONE::db_password$$", "$$SCONE::db_pasword$$"), "placeholder $$SCONE::db_pasword$$ names no secret");
        assertRejected(text.replace("issuer: session_ca", "issuer: aggregator_key"), "'aggregator_key' is not a x509-ca secret");
        assertRejected(text.replace("name: fl-training", "name: fl training"), "name: 'fl training' is not a session name");
        assertRejected(text.replace("kind: ascii", "kind: password"), "secrets[0].kind: expected ascii, binary");
        assertRejected(text.replace("valid_for: 30 days", "valid_for: a month"), "secrets[5].valid_for: expected a duration");
        assertRejected(text.replace("    attestation:\n      measurement: [\"2222222222222222222222222222222222222222222222222222222222222222\"]\n", ""),
            "services[1].attestation': every service needs at least one way to attest");
        assertRejected(text.replace("\"7\": \"0000", "\"7\": \"00"), "expected 32 bytes of hex");
        assertRejected(text.replace("\"1111111111111111111111111111111111111111111111111111111111111111\"", "1111111111111111111111111111111111111111111111111111111111111111"),
            "Maybe quote it");
        assertRejected(text + "access_policy:\n  update: [ANY, CREATOR]\n", "ANY must be alone");
    }

    private static void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> SessionPolicyParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "p.yaml"))
            .isInstanceOf(TrustException.class).hasMessageContaining(message)
            .satisfies(e -> assertThat(((TrustException) e).code()).isEqualTo(TrustErrorCode.POLICY_MALFORMED));
    }
}
