package io.aisprint.security.attest;

import io.aisprint.security.secrets.CertificateAuthority;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** In-memory key stores and SSL contexts for the service's TLS and for clients that trust its CA. */
public final class TlsMaterial {
    static final char[] PASSWORD = "in-memory".toCharArray();

    private TlsMaterial() {
    }

    /** A key store holding a fresh server key with a certificate from {@code ca} for localhost / 127.0.0.1. */
    public static KeyStore serverKeyStore(CertificateAuthority ca, Duration validFor) {
        KeyPair keys = CertificateAuthority.generate("P-256");
        X509Certificate certificate = ca.issue("aisprint trust service", keys.getPublic(), List.of("dns:localhost", "ip:127.0.0.1"), "server", validFor);
        return keyStore(keys, certificate, ca.certificate());
    }

    public static KeyStore keyStore(KeyPair keys, X509Certificate certificate, X509Certificate caCertificate) {
        return keyStore(keys, certificate, caCertificate, PASSWORD);
    }

    /** The key entry is protected with {@code password}, as Ignite and Jetty expect (one password for store and key). */
    public static KeyStore keyStore(KeyPair keys, X509Certificate certificate, X509Certificate caCertificate, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", keys.getPrivate(), password, new Certificate[] {certificate, caCertificate});
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build an in-memory key store", e);
        }
    }

    /** An SSL context that trusts only {@code caCertificate}, optionally presenting a client key. */
    public static SSLContext context(X509Certificate caCertificate, KeyStore clientKeys) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCertificate);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (clientKeys != null) {
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(clientKeys, PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build an SSL context", e);
        }
    }
}
