package io.aisprint.security.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.security.secrets.CertificateAuthority;
import io.aisprint.security.secrets.SecretGenerator;
import io.aisprint.security.secrets.SecretValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {
    private final CertificateAuthority serviceCa = CertificateAuthority.create("aisprint trust", Duration.ofDays(365), Clock.systemUTC());
    private final SecretGenerator generator = new SecretGenerator(new SecureRandom(), serviceCa);

    @Test
    void secretsAreGeneratedAndCertificatesChainToTheSessionCa() throws Exception {
        SessionPolicy policy = SessionPolicyParser.parse(SessionPolicyParserTest.example(), "fl.yaml");
        Map<String, SecretValue> values = generator.materialise(policy, Map.of(), null, (s, n) -> Optional.empty());
        assertThat(values.get("db_password").value()).hasSize(24);
        assertThat(values.get("api_token").value()).matches("[0-9a-f]{32}");
        X509Certificate ca = certificate(values.get("session_ca").value());
        X509Certificate leaf = certificate(values.get("aggregator_cert").value());
        leaf.verify(ca.getPublicKey());
        ca.verify(serviceCa.certificate().getPublicKey());
        assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=aggregator.local");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getSubjectAlternativeNames()).hasSize(2);
        assertThat(values.get("aggregator_cert").privateKeyPem()).contains(values.get("aggregator_key").value());

        // An update keeps values but makes new private keys (no migrate), as CAS does.
        Map<String, SecretValue> next = generator.materialise(policy, values, policy, (s, n) -> Optional.empty());
        assertThat(next.get("db_password")).isEqualTo(values.get("db_password"));
        assertThat(next.get("aggregator_key").value()).isNotEqualTo(values.get("aggregator_key").value());
    }

    @Test
    void importsNeedAnExplicitGrant() {
        String importer = """
            name: fl-monitoring
            services:
              - name: dashboard
                environment: {TOKEN: "$$SCONE::token$$"}
                attestation: {measurement: "3333333333333333333333333333333333333333333333333333333333333333"}
            secrets:
              - name: token
                import: {session: fl-training, secret: api_token}
            """;
        SessionPolicy policy = SessionPolicyParser.parse(importer.getBytes(StandardCharsets.UTF_8), "mon.yaml");
        SecretValue token = new SecretValue("api_token", "binary", "00ff", Optional.empty());
        SecretGenerator.Sessions granted = (session, name) -> Optional.of(new SecretGenerator.Exported(java.util.List.of("fl-monitoring"), token));
        assertThat(generator.materialise(policy, Map.of(), null, granted).get("token").value()).isEqualTo("00ff");
        SecretGenerator.Sessions notGranted = (session, name) -> Optional.of(new SecretGenerator.Exported(java.util.List.of("other"), token));
        assertThatThrownBy(() -> generator.materialise(policy, Map.of(), null, notGranted))
            .hasMessageContaining("session fl-training does not export secret 'api_token' to fl-monitoring");
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
