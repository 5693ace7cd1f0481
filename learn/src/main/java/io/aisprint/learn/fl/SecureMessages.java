package io.aisprint.learn.fl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The JSON bodies of secure aggregation inside a round (see docs/learn.md). Every message a
 * client posts is an {@link Envelope}: one protocol step's payload (JSON text), signed with the
 * client's registered Ed25519 key over the step, the client, the round and the payload's
 * SHA-256, so the server can neither be fed a step for another round nor a forged one.
 */
final class SecureMessages {
    /** The protocol's steps, in order. */
    static final List<String> STEPS = List.of("keys", "shares", "masked", "reveal");

    private SecureMessages() {
    }

    /** POST /secagg: one step of one client in one round. */
    record Envelope(String client, int round, String step, String payload, String signature) {
        byte[] signedBytes() {
            String digest = Base64.getEncoder().encodeToString(FloatCodec.sha256(String.valueOf(payload).getBytes(StandardCharsets.UTF_8)));
            return String.join("\n", "aisprint-fl-secagg-v1", String.valueOf(step), String.valueOf(client), Integer.toString(round), digest)
                .getBytes(StandardCharsets.UTF_8);
        }

        Envelope withSignature(String newSignature) {
            return new Envelope(client, round, step, payload, newSignature);
        }
    }

    /**
     * GET /secagg?client=&round=&step= (long poll): {@code wait} until the server opens that step,
     * then {@code go} with what the step needs ({@code threshold} t, {@code clients} n that shared
     * keys, and the payload: the advertised keys, the client's mailbox or the unmask request), or
     * {@code closed} when the step is over or the client is not part of it.
     */
    record Phase(String status, int round, int threshold, int clients, String payload) {
    }

    /** A masked input: base64 of little-endian int32 words (the sum is modulo 2^32). */
    record Masked(String words) {
    }

    static String encodeWords(int[] words) {
        ByteBuffer buffer = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(words);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    /** The words, or null when the text is not base64 of a whole number of int32. */
    static int[] decodeWords(String text) {
        byte[] raw = FloatCodec.words(text);
        if (raw == null) {
            return null;
        }
        int[] words = new int[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(words);
        return words;
    }
}
