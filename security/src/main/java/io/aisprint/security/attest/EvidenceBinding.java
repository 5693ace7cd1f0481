package io.aisprint.security.attest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What hardware evidence must carry as qualifying / report data: SHA-256 over the nonce, the
 * measurement and the workload key. Binding all three into the signed quote means a quote can
 * neither be replayed (nonce) nor moved to another workload or key.
 */
public final class EvidenceBinding {
    private EvidenceBinding() {
    }

    public static byte[] of(String nonceHex, String measurementHex, String publicKeyBase64) {
        MessageDigest digest = SoftwareMeasurement.sha256();
        digest.update(HexFormat.of().parseHex(nonceHex));
        digest.update(HexFormat.of().parseHex(measurementHex));
        digest.update(Base64.getDecoder().decode(publicKeyBase64));
        digest.update("aisprint-binding-v1".getBytes(StandardCharsets.US_ASCII));
        return digest.digest();
    }
}
