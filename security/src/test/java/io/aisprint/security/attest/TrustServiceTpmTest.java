package io.aisprint.security.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.security.boot.PcrValues;
import io.aisprint.security.secrets.CertificateAuthority;
import io.aisprint.security.tpm.PcrFiles;
import io.aisprint.security.tpm.SoftwareTpm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TPM factor end to end: the workload extends its measurement into PCR16 of a real
 * (software) TPM and quotes PCR7 and PCR16 with the binding as qualifying data.
 */
class TrustServiceTpmTest {

    static String policy(String measurement) {
        return """
            name: edge
            services:
              - name: worker
                environment: {KEY: "$$SCONE::worker_key$$"}
                attestation:
                  measurement: "%s"
                  tpm:
                    measurement_pcr: 16
                    pcrs: {sha256: {"7": "%s"}}
            secrets:
              - {name: worker_key, kind: binary, size: 32}
            """.formatted(measurement, "00".repeat(32));
    }

    @Test
    void aQuotedMeasurementIsAcceptedAndAPcrOutsideThePolicyIsRefused(@TempDir Path dir) throws Exception {
        String measurement = SoftwareMeasurement.measure(List.of(Files.writeString(dir.resolve("worker.jar"), "worker v1")), List.of(), Map.of());
        try (SoftwareTpm tpm = SoftwareTpm.start(dir)) {
            tpm.run("tpm2_createek", "-c", "ek.ctx", "-G", "rsa", "-u", "ek.pub");
            tpm.flush();
            tpm.run("tpm2_createak", "-C", "ek.ctx", "-c", "ak.ctx", "-G", "ecc", "-g", "sha256", "-s", "ecdsa", "-u", "ak.pub");
            TrustService service = new TrustService(dir.resolve("state"), Clock.systemUTC(), Map.of(), Duration.ofMinutes(5));
            try (TrustServer server = new TrustServer(service, "127.0.0.1", 0).start()) {
                TrustClient client = new TrustClient(URI.create("https://127.0.0.1:" + server.port()), service.caCertificate());
                client.upload(policy(measurement).getBytes(StandardCharsets.UTF_8), CertificateAuthority.generate("P-256"));
                KeyPair workload = CertificateAuthority.generate("P-256");

                assertThat(client.attest(quoted(tpm, client, measurement, measurement, workload)).secrets()).containsOnlyKeys("worker_key");

                // The workload claims the good measurement but its TPM holds another one in PCR16.
                String otherJar = SoftwareMeasurement.measure(List.of(Files.writeString(dir.resolve("worker.jar"), "worker v2")), List.of(), Map.of());
                TrustServiceTest.assertRefused(() -> client.attest(quoted(tpm, client, measurement, otherJar, workload)),
                    "sha256 PCR16 does not hold the presented measurement");

                // Boot state changed: PCR7 (Secure Boot policy) is no longer the value the policy allows.
                tpm.run("tpm2_pcrextend", "7:sha256=" + "11".repeat(32));
                TrustServiceTest.assertRefused(() -> client.attest(quoted(tpm, client, measurement, measurement, workload)),
                    "sha256 PCR7 is ");
            }
            assertThat(service.audit().entries()).filteredOn(e -> "refused".equals(e.get("outcome")))
                .extracting(e -> e.get("reasons").toString()).anyMatch(r -> r.contains("PCR7"));
        }
    }

    /** Evidence for {@code claimed}, with {@code extended} extended into PCR16 and a quote bound to nonce, claim and key. */
    private static Evidence quoted(SoftwareTpm tpm, TrustClient client, String claimed, String extended, KeyPair workload) throws Exception {
        String nonce = client.nonce();
        String key = Base64.getEncoder().encodeToString(workload.getPublic().getEncoded());
        tpm.flush();
        tpm.run("tpm2_pcrreset", "16");
        tpm.run("tpm2_pcrextend", "16:sha256=" + extended);
        byte[] binding = EvidenceBinding.of(nonce, claimed, key);
        tpm.run("tpm2_quote", "-c", "ak.ctx", "-l", "sha256:7,16", "-q", HexFormat.of().formatHex(binding), "-m", "q.msg", "-s", "q.sig", "-g", "sha256");
        PcrValues pcrs = PcrFiles.parse(tpm.run("tpm2_pcrread", "sha256:7,16").getBytes(StandardCharsets.UTF_8), "pcrread");
        Base64.Encoder b64 = Base64.getEncoder();
        return new Evidence("edge", "worker", nonce, claimed, key, Optional.of(new Evidence.TpmQuote(
            b64.encodeToString(Files.readAllBytes(tpm.file("q.msg"))), b64.encodeToString(Files.readAllBytes(tpm.file("q.sig"))),
            b64.encodeToString(Files.readAllBytes(tpm.file("ak.pub"))), pcrs.toHex())), Optional.empty());
    }
}
