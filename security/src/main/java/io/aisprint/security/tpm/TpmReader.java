package io.aisprint.security.tpm;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.nio.ByteBuffer;

/** Big-endian reads of TPM 2.0 marshalled structures, every length checked against the bytes left. */
final class TpmReader {
    private final ByteBuffer buffer;
    private final String what;

    TpmReader(byte[] bytes, String what) {
        this.buffer = ByteBuffer.wrap(bytes);
        this.what = what;
    }

    int u8() {
        need(1, "a byte");
        return Byte.toUnsignedInt(buffer.get());
    }

    int u16() {
        need(2, "a 16-bit field");
        return Short.toUnsignedInt(buffer.getShort());
    }

    long u32() {
        need(4, "a 32-bit field");
        return Integer.toUnsignedLong(buffer.getInt());
    }

    long u64() {
        need(8, "a 64-bit field");
        return buffer.getLong();
    }

    byte[] bytes(int count) {
        need(count, count + " bytes");
        byte[] out = new byte[count];
        buffer.get(out);
        return out;
    }

    /** A TPM2B: a 16-bit size, then that many bytes. */
    byte[] sized() {
        int size = u16();
        return bytes(size);
    }

    int position() {
        return buffer.position();
    }

    int remaining() {
        return buffer.remaining();
    }

    void expectEnd() {
        if (buffer.hasRemaining()) {
            throw error(buffer.remaining() + " unexpected bytes after the structure");
        }
    }

    TrustException error(String message) {
        return new TrustException(TrustErrorCode.TPM_STRUCTURE_MALFORMED, what + ": offset " + buffer.position() + ": " + message);
    }

    private void need(int count, String field) {
        if (buffer.remaining() < count) {
            throw error("truncated: " + field + " needs " + count + " bytes, " + buffer.remaining() + " left");
        }
    }
}
