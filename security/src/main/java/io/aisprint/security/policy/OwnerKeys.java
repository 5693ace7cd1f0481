package io.aisprint.security.policy;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** Policy owners' keys: their hash (the name access policies use) and signatures over policy bytes. */
public final class OwnerKeys {
    private OwnerKeys() {
    }

    /** SHA-256 of the SubjectPublicKeyInfo DER, hex. */
    public static String hash(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm(key.getAlgorithm()));
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new TrustException(TrustErrorCode.POLICY_UPDATE_REFUSED, "cannot sign with a " + key.getAlgorithm() + " key: " + e.getMessage(), e);
        }
    }

    public static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(algorithm(key.getAlgorithm()));
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A public key from base64 SubjectPublicKeyInfo DER (how clients send it). */
    public static PublicKey decode(String base64) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new TrustException(TrustErrorCode.POLICY_UPDATE_REFUSED, "the key is not base64");
        }
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // try the next type
            }
        }
        throw new TrustException(TrustErrorCode.POLICY_UPDATE_REFUSED, "the key is not an EC, RSA or Ed25519 public key (base64 SubjectPublicKeyInfo)");
    }

    private static String algorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
        };
    }
}
