package io.aisprint.learn.fl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Float vectors on the wire: little-endian IEEE 754 bytes in base64 (a third larger than raw, 4× smaller than decimal JSON). */
final class FloatCodec {
    private FloatCodec() {
    }

    static byte[] bytes(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    static String encode(float[] values) {
        return Base64.getEncoder().encodeToString(bytes(values));
    }

    /** The floats, or null when the text is not base64 of a whole number of floats. */
    static float[] decode(String text) {
        byte[] raw = words(text);
        if (raw == null) {
            return null;
        }
        float[] values = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** The bytes of base64 text holding whole 4-byte words, or null when it is not that. */
    static byte[] words(String text) {
        if (text == null) {
            return null;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(text);
            return raw.length % 4 == 0 ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
