package io.aisprint.security.boot;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * An IMA measurement list in {@code ascii_runtime_measurements} form with the {@code ima-ng}
 * template: {@code PCR template-hash ima-ng alg:filedigest path}. Each entry's template hash is
 * recomputed (SHA-1 over the length-prefixed digest and path fields); an all-zero hash is IMA's
 * violation marker and extends 0xFF.. into PCR10, as the kernel does.
 */
public record ImaLog(List<Entry> entries) {

    /** One measured file: line number, PCR, logged template hash, digest algorithm and digest, path. */
    public record Entry(int line, int pcr, byte[] templateHash, String algorithm, byte[] fileDigest, String path) {
        public boolean violation() {
            return Arrays.equals(templateHash, new byte[20]);
        }
    }

    public static ImaLog parse(String text, String source) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1);
            String[] fields = line.split(" ", 5);
            if (fields.length != 5 || !fields[2].equals("ima-ng")) {
                throw malformed(where, "expected 'PCR template-hash ima-ng alg:digest path'");
            }
            int colon = fields[3].indexOf(':');
            try {
                int pcr = Integer.parseInt(fields[0]);
                byte[] templateHash = HexFormat.of().parseHex(fields[1]);
                if (templateHash.length != 20 || colon <= 0) {
                    throw malformed(where, "expected a 20-byte template hash and alg:digest");
                }
                entries.add(new Entry(i + 1, pcr, templateHash, fields[3].substring(0, colon).toLowerCase(Locale.ROOT),
                    HexFormat.of().parseHex(fields[3].substring(colon + 1)), fields[4]));
            } catch (IllegalArgumentException e) {
                throw malformed(where, "bad number or hex: " + e.getMessage());
            }
        }
        return new ImaLog(entries);
    }

    /** Template hash of an ima-ng entry: SHA-1(u32 len || "alg:\0" || digest || u32 len || path "\0"), little-endian lengths. */
    public static byte[] templateHash(String algorithm, byte[] fileDigest, String path) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] digestField = concat((algorithm + ":\0").getBytes(StandardCharsets.US_ASCII), fileDigest);
        byte[] pathField = (path + "\0").getBytes(StandardCharsets.UTF_8);
        data.writeBytes(littleEndian(digestField.length));
        data.writeBytes(digestField);
        data.writeBytes(littleEndian(pathField.length));
        data.writeBytes(pathField);
        return HashAlgorithm.SHA1.hash(data.toByteArray());
    }

    /** Entries whose logged template hash does not match their fields (violations excepted), as reasons. */
    public List<String> templateMismatches() {
        List<String> reasons = new ArrayList<>();
        for (Entry entry : entries) {
            if (!entry.violation() && !Arrays.equals(entry.templateHash(), templateHash(entry.algorithm(), entry.fileDigest(), entry.path()))) {
                reasons.add("line " + entry.line() + " (" + entry.path() + "): the template hash does not match the digest and path");
            }
        }
        return reasons;
    }

    /** PCR10 (SHA-1 bank) after the list: template hashes extended in order, 0xFF.. for violations. */
    public byte[] replayPcr10() {
        byte[] pcr = new byte[20];
        byte[] violation = new byte[20];
        Arrays.fill(violation, (byte) 0xFF);
        for (Entry entry : entries) {
            pcr = HashAlgorithm.SHA1.hash(pcr, entry.violation() ? violation : entry.templateHash());
        }
        return pcr;
    }

    private static byte[] littleEndian(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static TrustException malformed(String where, String message) {
        return new TrustException(TrustErrorCode.EVENT_LOG_MALFORMED, where + ": " + message);
    }
}
