package io.aisprint.security.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.policy.OwnerKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** Talks to a trust service over TLS, trusting only the given service CA. */
public final class TrustClient {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());
    private final HttpClient http;
    private final URI base;

    public TrustClient(URI base, X509Certificate serviceCa) {
        this.base = base;
        this.http = HttpClient.newBuilder().sslContext(TlsMaterial.context(serviceCa, null)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String nonce() {
        return post("/v1/nonce", Map.of()).path("nonce").asText();
    }

    public Grant attest(Evidence evidence) {
        try {
            return JSON.treeToValue(post("/v1/attest", evidence), Grant.class);
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.EXTERNAL, "the trust service sent an unreadable grant: " + e.getMessage(), e);
        }
    }

    /** Uploads (creates or updates) a session policy signed with the owner's key; returns the version hash. */
    public String upload(byte[] policy, KeyPair owner) {
        return post("/v1/sessions", Map.of("policy", new String(policy, StandardCharsets.UTF_8),
            "key", Base64.getEncoder().encodeToString(owner.getPublic().getEncoded()),
            "signature", Base64.getEncoder().encodeToString(OwnerKeys.sign(owner.getPrivate(), policy)))).path("hash").asText();
    }

    public void revoke(String workloadKeyHash, String reason, KeyPair owner) {
        post("/v1/revoke", Map.of("key_hash", workloadKeyHash, "reason", reason,
            "key", Base64.getEncoder().encodeToString(owner.getPublic().getEncoded()),
            "signature", Base64.getEncoder().encodeToString(OwnerKeys.sign(owner.getPrivate(), ("revoke\0" + workloadKeyHash).getBytes(StandardCharsets.UTF_8)))));
    }

    public boolean revoked(String workloadKeyHash) {
        return get("/v1/revoked/" + workloadKeyHash).path("revoked").asBoolean();
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                TrustErrorCode code;
                try {
                    code = TrustErrorCode.valueOf(body.path("code").asText());
                } catch (IllegalArgumentException e) {
                    code = TrustErrorCode.EXTERNAL;
                }
                throw new TrustException(code, body.path("error").asText("HTTP " + response.statusCode()));
            }
            return body;
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.EXTERNAL, "cannot reach the trust service at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustException(TrustErrorCode.EXTERNAL, "interrupted talking to " + base, e);
        }
    }
}
