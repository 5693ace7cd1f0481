package io.aisprint.security.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.policy.OwnerKeys;
import io.aisprint.security.secrets.CertificateAuthority;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attestation and secret service over real TLS: grants for the right evidence, refusals with reasons otherwise. */
class TrustServiceTest {
    static final byte[] TEE_KEY = "test-double-tee-key".getBytes(StandardCharsets.US_ASCII);

    static String policy(String aggregatorMeasurement, String trainerMeasurement) {
        return """
            name: fl-training
            services:
              - name: aggregator
                command: java -jar aggregator.jar
                environment: {DB_PASSWORD: "$$SCONE::db_password$$", TLS: "$$SCONE::aggregator_cert$$"}
                attestation: {measurement: "%s"}
                volumes: [models]
              - name: trainer
                command: java -jar trainer.jar
                environment: {TOKEN: "$$SCONE::api_token$$"}
                attestation:
                  - measurement: "%s"
                    tee: {type: test-double, tcb_status: UpToDate}
                talks_to: [aggregator]
            secrets:
              - {name: db_password, kind: ascii, size: 24}
              - {name: api_token, kind: binary, size: 16}
              - {name: aggregator_key, kind: private-key}
              - {name: aggregator_cert, kind: x509, private_key: aggregator_key, endpoint: server, san: ["dns:aggregator"]}
            volumes:
              - name: models
            """.formatted(aggregatorMeasurement, trainerMeasurement);
    }

    static Path jar(Path dir, String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    static Evidence evidence(TrustClient client, String service, String measurement, KeyPair workload) {
        return new Evidence("fl-training", service, client.nonce(), measurement, Base64.getEncoder().encodeToString(workload.getPublic().getEncoded()),
            Optional.empty(), Optional.empty());
    }

    @Test
    void attestedWorkloadsGetTheirSecretsAndOthersAreRefusedWithReasons(@TempDir Path dir) throws Exception {
        Path aggregatorJar = jar(dir, "aggregator.jar", "aggregator v1");
        String good = SoftwareMeasurement.measure(List.of(aggregatorJar), List.of("java", "-jar", "aggregator.jar"), Map.of());
        String trainer = SoftwareMeasurement.measure(List.of(jar(dir, "trainer.jar", "trainer v1")), List.of("java", "-jar", "trainer.jar"), Map.of());
        KeyPair owner = CertificateAuthority.generate("P-256");
        KeyPair workload = CertificateAuthority.generate("P-256");
        TestDoubleTeeVerifier tee = new TestDoubleTeeVerifier(TEE_KEY);
        TrustService service = new TrustService(dir.resolve("state"), Clock.systemUTC(), Map.of("test-double", tee), Duration.ofMinutes(10));
        String dbPassword;
        try (TrustServer server = new TrustServer(service, "127.0.0.1", 0).start()) {
            TrustClient client = new TrustClient(URI.create("https://127.0.0.1:" + server.port()), service.caCertificate());
            client.upload(policy(good, trainer).getBytes(StandardCharsets.UTF_8), owner);

            Evidence evidence = evidence(client, "aggregator", good, workload);
            Grant grant = client.attest(evidence);
            assertThat(grant.secrets()).containsOnlyKeys("db_password", "aggregator_cert", "aggregator_cert:privatekey");
            dbPassword = grant.secrets().get("db_password");
            assertThat(dbPassword).hasSize(24);
            assertThat(grant.volumeKeys()).containsOnlyKeys("models");
            assertThat(grant.calledBy()).containsExactly("trainer");
            X509Certificate certificate = certificate(grant.certificate());
            certificate.verify(service.caCertificate().getPublicKey());
            assertThat(certificate.getPublicKey()).isEqualTo(workload.getPublic());
            assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=fl-training/aggregator");
            assertThat(Duration.between(java.time.Instant.now(), certificate.getNotAfter().toInstant())).isLessThan(Duration.ofMinutes(11));

            assertRefused(() -> client.attest(evidence), "replayed evidence");
            String changedJar = SoftwareMeasurement.measure(List.of(jar(dir, "aggregator.jar", "aggregator v1 + backdoor")),
                List.of("java", "-jar", "aggregator.jar"), Map.of());
            assertRefused(() -> client.attest(evidence(client, "aggregator", changedJar, workload)), "a changed jar, command or environment");
            assertRefused(() -> client.attest(evidence(client, "database", good, workload)), "unknown service 'database'");

            // The trainer also needs TEE evidence (the test double here) bound to its nonce, measurement and key.
            Evidence bare = evidence(client, "trainer", trainer, workload);
            assertRefused(() -> client.attest(bare), "requires test-double evidence");
            Evidence withTee = evidence(client, "trainer", trainer, workload);
            byte[] binding = EvidenceBinding.of(withTee.nonce(), trainer, withTee.publicKey());
            Evidence teeEvidence = new Evidence(withTee.session(), withTee.service(), withTee.nonce(), trainer, withTee.publicKey(), Optional.empty(),
                Optional.of(new Evidence.TeeEvidence("test-double", Base64.getEncoder().encodeToString(tee.produce(Map.of("tcb_status", "UpToDate"), binding)))));
            assertThat(client.attest(teeEvidence).secrets()).containsOnlyKeys("api_token");
            Evidence outdated = evidence(client, "trainer", trainer, workload);
            byte[] outdatedBinding = EvidenceBinding.of(outdated.nonce(), trainer, outdated.publicKey());
            assertRefused(() -> client.attest(new Evidence(outdated.session(), outdated.service(), outdated.nonce(), trainer, outdated.publicKey(), Optional.empty(),
                Optional.of(new Evidence.TeeEvidence("test-double", Base64.getEncoder().encodeToString(tee.produce(Map.of("tcb_status", "OutOfDate"), outdatedBinding)))))),
                "claim tcb_status is [OutOfDate]");

            // Revocation: signed by the session owner; the key cannot attest any more.
            String workloadHash = OwnerKeys.hash(workload.getPublic());
            assertThatThrownBy(() -> client.revoke(workloadHash, "stolen", workload)).hasMessageContaining("not signed by a session owner");
            client.revoke(workloadHash, "node decommissioned", owner);
            assertThat(client.revoked(workloadHash)).isTrue();
            assertRefused(() -> client.attest(evidence(client, "aggregator", good, workload)), "is revoked");
        }
        List<Map<String, Object>> audit = service.audit().entries();
        assertThat(audit).filteredOn(e -> "refused".equals(e.get("outcome"))).extracting(e -> e.get("reasons").toString())
            .anyMatch(r -> r.contains("replayed")).anyMatch(r -> r.contains("changed jar")).anyMatch(r -> r.contains("unknown service"))
            .anyMatch(r -> r.contains("revoked"));

        // Secrets at rest are sealed: the plaintext appears in no state file, and a restarted service has the same secrets.
        try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(dbPassword);
            }
        }
        TrustService restarted = new TrustService(dir.resolve("state"), Clock.systemUTC(), Map.of(), Duration.ofMinutes(10));
        KeyPair another = CertificateAuthority.generate("P-256");
        Grant again = restarted.attest(new Evidence("fl-training", "aggregator", restarted.nonce(), good,
            Base64.getEncoder().encodeToString(another.getPublic().getEncoded()), Optional.empty(), Optional.empty()));
        assertThat(again.secrets().get("db_password")).isEqualTo(dbPassword);
        assertThat(restarted.caCertificate()).isEqualTo(service.caCertificate());
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOf(TrustException.class).hasMessageContaining(reason)
            .satisfies(e -> assertThat(((TrustException) e).code()).isEqualTo(TrustErrorCode.ATTESTATION_REFUSED));
    }

    static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
