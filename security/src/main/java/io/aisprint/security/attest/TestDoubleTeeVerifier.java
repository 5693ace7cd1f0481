package io.aisprint.security.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TEST DOUBLE, NOT HARDWARE: "evidence" is JSON {claims, report_data, mac} authenticated with an
 * HMAC key shared with the test. It exercises the TEE path of the policy and the service (claims
 * must match, report data must be the binding) without SGX/SEV-SNP/TDX; it gives no security.
 */
public final class TestDoubleTeeVerifier implements TeeVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] key;

    public TestDoubleTeeVerifier(byte[] key) {
        this.key = key.clone();
    }

    @Override
    public String type() {
        return "test-double";
    }

    /** Makes evidence the way a fake TEE would: claims plus report data, MACed. */
    public byte[] produce(Map<String, String> claims, byte[] binding) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("claims", claims);
        body.put("report_data", HexFormat.of().formatHex(binding));
        try {
            byte[] unsigned = JSON.writeValueAsBytes(body);
            body.put("mac", HexFormat.of().formatHex(mac(unsigned)));
            body.put("signed", Base64.getEncoder().encodeToString(unsigned));
            return JSON.writeValueAsBytes(Map.of("signed", body.get("signed"), "mac", body.get("mac")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, List<String>> verify(byte[] evidence, byte[] binding) {
        try {
            JsonNode envelope = JSON.readTree(evidence);
            byte[] signed = Base64.getDecoder().decode(envelope.path("signed").asText());
            if (!MessageDigest.isEqual(mac(signed), HexFormat.of().parseHex(envelope.path("mac").asText()))) {
                throw refused("test-double evidence: the MAC does not verify");
            }
            JsonNode body = JSON.readTree(signed);
            if (!MessageDigest.isEqual(HexFormat.of().parseHex(body.path("report_data").asText()), binding)) {
                throw refused("test-double evidence: report data is not bound to this nonce, measurement and key");
            }
            Map<String, List<String>> claims = new LinkedHashMap<>();
            body.path("claims").fields().forEachRemaining(e -> claims.put(e.getKey(), new ArrayList<>(List.of(e.getValue().asText()))));
            return claims;
        } catch (IOException | IllegalArgumentException e) {
            throw refused("test-double evidence is malformed: " + e.getMessage());
        }
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrustException refused(String message) {
        return new TrustException(TrustErrorCode.ATTESTATION_REFUSED, message);
    }
}
