package io.aisprint.learn.secagg;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import javax.crypto.KeyAgreement;

/** X25519 key agreement from the JDK, with the shared secret hashed (SHA-256) into a 32-byte seed. */
final class KeyAgreement25519 {
    private KeyAgreement25519() {
    }

    static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is part of every JDK since 11", e);
        }
    }

    static byte[] agree(PrivateKey own, PublicKey other) {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(own);
            agreement.doPhase(other, true);
            return MessageDigest.getInstance("SHA-256").digest(agreement.generateSecret());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 agreement failed: " + e.getMessage(), e);
        }
    }

    /** The 32-byte scalar of a private key (what is Shamir-shared). */
    static byte[] scalar(PrivateKey key) {
        return ((XECPrivateKey) key).getScalar().orElseThrow();
    }

    static PrivateKey fromScalar(byte[] scalar) {
        try {
            return KeyFactory.getInstance("X25519").generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an X25519 scalar", e);
        }
    }
}
