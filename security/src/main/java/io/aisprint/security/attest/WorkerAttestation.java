package io.aisprint.security.attest;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.policy.OwnerKeys;
import io.aisprint.security.secrets.CertificateAuthority;
import io.aisprint.security.secrets.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster member's attestation before it joins: make a key, measure this JVM, present
 * nonce-bound evidence to the trust service, install the granted secrets, and write the
 * granted certificate as the TLS folder the cluster's mutual TLS uses ({@code node.p12} +
 * {@code truststore.p12} with the trust service's CA). A member that is refused gets no
 * certificate, so it cannot join a TLS cluster of attested members.
 */
public final class WorkerAttestation {

    /** The outcome: the TLS folder and its password, the grant, and the key hash that names this member for revocation. */
    public record Attested(Path tlsDirectory, char[] password, Grant grant, String keyHash) {
    }

    private WorkerAttestation() {
    }

    public static Attested attest(URI service, Path caPem, String session, String serviceName, Path tlsDirectory) {
        X509Certificate ca = Pem.certificate(read(caPem));
        TrustClient client = new TrustClient(service, ca);
        KeyPair keys = CertificateAuthority.generate("P-256");
        String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        String measurement = SoftwareMeasurement.ofThisJvm(List.of(), Map.of());
        Grant grant = client.attest(new Evidence(session, serviceName, client.nonce(), measurement, publicKey, Optional.empty(), Optional.empty()));
        WorkerSecrets.install(grant);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = HexFormat.of().formatHex(random).toCharArray();
        try {
            Files.createDirectories(tlsDirectory);
            store(TlsMaterial.keyStore(keys, Pem.certificate(grant.certificate()), ca, password), tlsDirectory.resolve("node.p12"), password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("trust-service-ca", ca);
            store(trust, tlsDirectory.resolve("truststore.p12"), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustException(TrustErrorCode.EXTERNAL, "cannot write the TLS folder " + tlsDirectory + ": " + e.getMessage(), e);
        }
        return new Attested(tlsDirectory, password, grant, OwnerKeys.hash(keys.getPublic()));
    }

    /**
     * Polls the trust service every {@code interval} and runs {@code onRevoked} (once, after
     * clearing the secrets) when this member's key is revoked. A daemon thread.
     */
    public static Thread watchRevocation(URI service, Path caPem, String keyHash, Duration interval, Runnable onRevoked) {
        TrustClient client = new TrustClient(service, Pem.certificate(read(caPem)));
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval.toMillis());
                    if (client.revoked(keyHash)) {
                        WorkerSecrets.clear();
                        onRevoked.run();
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (TrustException unreachable) {
                    // keep the secrets while the service is briefly unreachable; the certificate's short life bounds this
                }
            }
        }, "aisprint-revocation-watch");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private static void store(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        Path temp = Files.createTempFile(file.getParent(), ".tls", ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            store.store(out, password);
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.UNREADABLE, "cannot read the trust service CA " + file + ": " + e.getMessage(), e);
        }
    }
}
