package io.aisprint.security.boot;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads a binary TCG PC Client event log ({@code binary_bios_measurements}). Every size read
 * from the file is checked against the bytes left before anything is allocated, so truncated or
 * hostile input ends in a {@link TrustException} naming the offset, never in an out-of-memory
 * error or an index exception.
 */
public final class EventLogParser {
    private static final byte[] SPEC_ID_SIGNATURE = "Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STARTUP_LOCALITY_SIGNATURE = "StartupLocality\0".getBytes(StandardCharsets.US_ASCII);
    private static final int LEGACY_HEADER_BYTES = 4 + 4 + 20 + 4;
    private static final int MAX_PCR_INDEX = 23;

    private final ByteBuffer buffer;
    private final String source;

    private EventLogParser(byte[] bytes, String source) {
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
    }

    /** Parses a whole log; {@code source} names it in error messages (a file name). */
    public static EventLog parse(byte[] bytes, String source) {
        return new EventLogParser(bytes, source).parse();
    }

    private EventLog parse() {
        if (buffer.remaining() == 0) {
            throw error(0, "the event log is empty");
        }
        List<TcgEvent> events = new ArrayList<>();
        TcgEvent first = readLegacy(0);
        events.add(first);
        Map<Integer, Integer> specIdSizes = first.isNoAction() && startsWith(first.data(), SPEC_ID_SIGNATURE)
            ? specIdAlgorithms(first) : null;
        if (specIdSizes == null) {
            while (buffer.hasRemaining()) {
                events.add(readLegacy(events.size()));
            }
            return new EventLog(EventLogFormat.SHA1_LEGACY, List.of(HashAlgorithm.SHA1), events, startupLocality(events));
        }
        while (buffer.hasRemaining()) {
            events.add(readAgile(events.size(), specIdSizes));
        }
        List<HashAlgorithm> banks = new ArrayList<>();
        for (int id : specIdSizes.keySet()) {
            HashAlgorithm.byTpmId(id).ifPresent(banks::add);
        }
        return new EventLog(EventLogFormat.CRYPTO_AGILE, banks, events, startupLocality(events));
    }

    private TcgEvent readLegacy(int sequence) {
        int offset = buffer.position();
        need(offset, LEGACY_HEADER_BYTES, "a TCG_PCClientPCREvent header");
        int pcr = buffer.getInt();
        long type = Integer.toUnsignedLong(buffer.getInt());
        byte[] digest = new byte[20];
        buffer.get(digest);
        byte[] data = readData(offset);
        checkPcr(offset, pcr, type);
        return new TcgEvent(sequence, offset, pcr, type, Map.of(HashAlgorithm.SHA1, digest), data);
    }

    private TcgEvent readAgile(int sequence, Map<Integer, Integer> sizes) {
        int offset = buffer.position();
        need(offset, 12, "a TCG_PCR_EVENT2 header (pcrIndex, eventType, digest count)");
        int pcr = buffer.getInt();
        long type = Integer.toUnsignedLong(buffer.getInt());
        long count = Integer.toUnsignedLong(buffer.getInt());
        if (count > sizes.size()) {
            throw error(offset, "event " + sequence + " has " + count + " digests but the Spec ID event names only " + sizes.size() + " algorithms");
        }
        Map<HashAlgorithm, byte[]> digests = new EnumMap<>(HashAlgorithm.class);
        for (int i = 0; i < count; i++) {
            int at = buffer.position();
            need(at, 2, "a digest algorithm id");
            int algorithm = Short.toUnsignedInt(buffer.getShort());
            Integer size = sizes.get(algorithm);
            if (size == null) {
                throw error(at, String.format("event %d uses digest algorithm 0x%04X, which the Spec ID event does not list", sequence, algorithm));
            }
            need(buffer.position(), size, "a " + size + "-byte digest");
            byte[] digest = new byte[size];
            buffer.get(digest);
            HashAlgorithm.byTpmId(algorithm).ifPresent(known -> digests.put(known, digest));
        }
        byte[] data = readData(offset);
        checkPcr(offset, pcr, type);
        return new TcgEvent(sequence, offset, pcr, type, digests, data);
    }

    private byte[] readData(int eventOffset) {
        int at = buffer.position();
        need(at, 4, "the event size");
        long size = Integer.toUnsignedLong(buffer.getInt());
        if (size > buffer.remaining()) {
            throw error(at, "event size " + size + " (record at offset " + eventOffset + ") exceeds the " + buffer.remaining() + " bytes left in the log");
        }
        byte[] data = new byte[(int) size];
        buffer.get(data);
        return data;
    }

    /** The algorithm table of a TCG_EfiSpecIDEvent: algorithm id to digest size, in log order. */
    private Map<Integer, Integer> specIdAlgorithms(TcgEvent header) {
        ByteBuffer spec = ByteBuffer.wrap(header.data()).order(ByteOrder.LITTLE_ENDIAN);
        long base = header.offset() + LEGACY_HEADER_BYTES;
        int fixed = 16 + 4 + 4 + 4;
        if (spec.remaining() < fixed) {
            throw error(base, "the Spec ID event is " + spec.remaining() + " bytes, shorter than its " + fixed + "-byte fixed part");
        }
        spec.position(16 + 4 + 4);
        long count = Integer.toUnsignedLong(spec.getInt());
        if (count == 0 || count > spec.remaining() / 4) {
            throw error(base + 24, "the Spec ID event names " + count + " algorithms; its data holds room for " + spec.remaining() / 4);
        }
        Map<Integer, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long at = base + spec.position();
            int id = Short.toUnsignedInt(spec.getShort());
            int size = Short.toUnsignedInt(spec.getShort());
            var known = HashAlgorithm.byTpmId(id);
            if (known.isPresent() && known.get().digestSize() != size) {
                throw error(at, String.format("the Spec ID event gives %s (0x%04X) a digest size of %d bytes; expected %d",
                    known.get().bankName(), id, size, known.get().digestSize()));
            }
            if (size == 0 || size > 128) {
                throw error(at, String.format("the Spec ID event gives algorithm 0x%04X a digest size of %d bytes; expected 1..128", id, size));
            }
            if (sizes.put(id, size) != null) {
                throw error(at, String.format("the Spec ID event lists algorithm 0x%04X twice", id));
            }
        }
        skipVendorInfoPastEventSize(spec, base);
        return sizes;
    }

    /**
     * Some firmware counts the vendorInfoSize byte but not the vendor info itself in the Spec ID
     * event's size (tpm2-tools' specid-vendordata fixture does). tpm2_eventlog reads the vendor
     * info from the bytes after the event, so do the same: skip them when they are there.
     */
    private void skipVendorInfoPastEventSize(ByteBuffer spec, long base) {
        if (!spec.hasRemaining()) {
            return;
        }
        int vendorSize = Byte.toUnsignedInt(spec.get());
        int missing = vendorSize - spec.remaining();
        if (missing > 0) {
            need(base + spec.position(), missing, "the Spec ID event's " + vendorSize + "-byte vendor info");
            buffer.position(buffer.position() + missing);
        }
    }

    private void checkPcr(int offset, int pcr, long type) {
        if (type != EventTypes.EV_NO_ACTION && (pcr < 0 || pcr > MAX_PCR_INDEX)) {
            throw error(offset, "PCR index " + Integer.toUnsignedString(pcr) + " is out of range 0.." + MAX_PCR_INDEX);
        }
    }

    private static OptionalInt startupLocality(List<TcgEvent> events) {
        for (TcgEvent event : events) {
            byte[] data = event.data();
            if (event.isNoAction() && data.length == STARTUP_LOCALITY_SIGNATURE.length + 1 && startsWith(data, STARTUP_LOCALITY_SIGNATURE)) {
                return OptionalInt.of(Byte.toUnsignedInt(data[data.length - 1]));
            }
        }
        return OptionalInt.empty();
    }

    private void need(long offset, int bytes, String what) {
        if (buffer.remaining() < bytes) {
            throw error(offset, "truncated: " + what + " needs " + bytes + " bytes, " + buffer.remaining() + " left");
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private TrustException error(long offset, String message) {
        return new TrustException(TrustErrorCode.EVENT_LOG_MALFORMED, source + ": offset " + offset + ": " + message);
    }
}
