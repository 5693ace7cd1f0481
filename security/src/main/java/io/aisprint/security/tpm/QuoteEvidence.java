package io.aisprint.security.tpm;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** A quote as a verifier receives it: the TPMS_ATTEST bytes, the TPMT_SIGNATURE and the attestation key. */
public record QuoteEvidence(byte[] attest, byte[] signature, PublicKey attestationKey) {

    /**
     * Splits a quote file: Keylime's string form {@code r<b64 attest>:<b64 signature>[:<b64 pcrs>]},
     * or raw TPMS_ATTEST bytes (tpm2_quote -m) with the signature given separately.
     */
    public static QuoteEvidence of(byte[] quoteFile, byte[] signatureFile, PublicKey key, String source) {
        String text = new String(quoteFile, StandardCharsets.US_ASCII).strip();
        if (text.startsWith("r") && text.indexOf(':') > 0) {
            String[] parts = text.substring(1).split(":");
            try {
                return new QuoteEvidence(Base64.getDecoder().decode(parts[0]), Base64.getDecoder().decode(parts[1]), key);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new TrustException(TrustErrorCode.TPM_STRUCTURE_MALFORMED, source + ": not a Keylime quote string r<base64>:<base64>[:<base64>]");
            }
        }
        if (signatureFile == null) {
            throw new TrustException(TrustErrorCode.TPM_STRUCTURE_MALFORMED, source + ": a raw TPMS_ATTEST needs its TPMT_SIGNATURE\nMaybe pass --signature FILE (tpm2_quote -s).");
        }
        return new QuoteEvidence(quoteFile, signatureFile, key);
    }

    /** An attestation key: TPM2B_PUBLIC / TPMT_PUBLIC bytes or a PEM public key (tpm2_createak -f pem). */
    public static PublicKey readKey(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN PUBLIC KEY-----")) {
            String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            try {
                byte[] der = Base64.getDecoder().decode(body);
                for (String algorithm : new String[] {"RSA", "EC"}) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                    } catch (java.security.spec.InvalidKeySpecException ignored) {
                        // try the next key type
                    }
                }
            } catch (IllegalArgumentException | java.security.NoSuchAlgorithmException e) {
                // reported below
            }
            throw new TrustException(TrustErrorCode.TPM_STRUCTURE_MALFORMED, source + ": not an RSA or EC PEM public key");
        }
        return Tpm2Structures.parsePublic(bytes);
    }
}
