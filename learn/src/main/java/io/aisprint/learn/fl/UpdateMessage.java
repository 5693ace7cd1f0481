package io.aisprint.learn.fl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a client posts after training: its model ({@code kind = "model"}) or its change
 * ({@code kind = "delta"}, the pseudo-gradient form), signed with the Ed25519 key it registered.
 * The signature covers every field (the values through their SHA-256), so nothing can be swapped
 * in transit, and the per-update nonce lets the server refuse a replay.
 */
public record UpdateMessage(String client, int round, String nonce, String kind, int examples, String values, String signature) {

    /** The bytes the signature is over. */
    byte[] signedBytes() {
        float[] decoded = FloatCodec.decode(values);
        String digest = decoded == null ? "invalid" : Base64.getEncoder().encodeToString(FloatCodec.sha256(FloatCodec.bytes(decoded)));
        return String.join("\n", "aisprint-fl-update-v1", client, Integer.toString(round), String.valueOf(nonce), String.valueOf(kind),
            Integer.toString(examples), digest).getBytes(StandardCharsets.UTF_8);
    }

    UpdateMessage withSignature(String newSignature) {
        return new UpdateMessage(client, round, nonce, kind, examples, values, newSignature);
    }
}
