package io.aisprint.security.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** A UEFI_VARIABLE_DATA event payload: vendor GUID, variable name and value. */
public record UefiVariable(String vendorGuid, String name, byte[] value) {

    /** A signature in an EFI_SIGNATURE_LIST, in Keylime's reference-state spelling. */
    public record Signature(String owner, String data) {
    }

    /** Parses the payload, or empty when it is not a well-formed UEFI_VARIABLE_DATA. */
    public static Optional<UefiVariable> parse(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.remaining() < 32) {
            return Optional.empty();
        }
        String guid = guid(buffer);
        long nameChars = buffer.getLong();
        long valueBytes = buffer.getLong();
        if (nameChars < 0 || valueBytes < 0 || nameChars > buffer.remaining() / 2 || valueBytes > buffer.remaining() - 2 * nameChars) {
            return Optional.empty();
        }
        byte[] name = new byte[(int) (2 * nameChars)];
        buffer.get(name);
        byte[] value = new byte[(int) valueBytes];
        buffer.get(value);
        return Optional.of(new UefiVariable(guid, new String(name, StandardCharsets.UTF_16LE), value));
    }

    /**
     * The signatures of the EFI_SIGNATURE_LISTs in this variable's value (PK, KEK, db, dbx), or
     * empty when the value is not a well-formed sequence of lists.
     */
    public Optional<List<Signature>> signatures() {
        ByteBuffer buffer = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        List<Signature> signatures = new ArrayList<>();
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < 28) {
                return Optional.empty();
            }
            int listStart = buffer.position();
            guid(buffer);
            long listSize = Integer.toUnsignedLong(buffer.getInt());
            long headerSize = Integer.toUnsignedLong(buffer.getInt());
            long signatureSize = Integer.toUnsignedLong(buffer.getInt());
            long body = listSize - 28 - headerSize;
            if (listSize > value.length - listStart || body < 0 || signatureSize < 16 || body % signatureSize != 0) {
                return Optional.empty();
            }
            buffer.position(buffer.position() + (int) headerSize);
            for (long i = 0; i < body / signatureSize; i++) {
                String owner = guid(buffer);
                byte[] signature = new byte[(int) signatureSize - 16];
                buffer.get(signature);
                signatures.add(new Signature(owner, "0x" + HexFormat.of().formatHex(signature)));
            }
        }
        return Optional.of(signatures);
    }

    /** Keylime prints GUIDs as their 16 bytes in file order, grouped 4-2-2-2-6. */
    private static String guid(ByteBuffer buffer) {
        byte[] raw = new byte[16];
        buffer.get(raw);
        String hex = HexFormat.of().formatHex(raw);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
