package io.aisprint.security.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.security.Anchors;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Garbage, truncated and mutated logs end in a TrustException naming an offset, never in another exception. */
class EventLogFuzzTest {

    /** A small valid crypto-agile log (Spec ID event with sha1+sha256, one EV_SEPARATOR) to mutate. */
    static byte[] sampleLog() {
        ByteBuffer out = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        byte[] spec = new byte[16 + 4 + 4 + 4 + 8 + 1];
        ByteBuffer s = ByteBuffer.wrap(spec).order(ByteOrder.LITTLE_ENDIAN);
        s.put("Spec ID Event03\0".getBytes()).putInt(0).put((byte) 0).put((byte) 2).put((byte) 0).put((byte) 2).putInt(2);
        s.putShort((short) 0x0004).putShort((short) 20).putShort((short) 0x000B).putShort((short) 32).put((byte) 0);
        out.putInt(0).putInt(3).put(new byte[20]).putInt(spec.length).put(spec);
        out.putInt(7).putInt(4).putInt(2).putShort((short) 4).put(HashAlgorithm.SHA1.hash(new byte[4]))
            .putShort((short) 0x0B).put(HashAlgorithm.SHA256.hash(new byte[4])).putInt(4).putInt(0);
        byte[] log = new byte[out.position()];
        out.flip().get(log);
        return log;
    }

    @Test
    void theSampleParses() {
        EventLog log = EventLogParser.parse(sampleLog(), "sample");
        assertThat(log.format()).isEqualTo(EventLogFormat.CRYPTO_AGILE);
        assertThat(PcrReplay.replay(log).get(HashAlgorithm.SHA256, 7)).isPresent();
    }

    @Property(tries = 300)
    void randomBytesNeverCrash(@ForAll @Size(max = 300) byte[] bytes) {
        parseOrExplain(bytes);
    }

    @Property(tries = 300)
    void truncationsOfAValidLogAreRejectedWithAnOffset(@ForAll @IntRange(min = 0, max = 1000) int cut) {
        byte[] log = sampleLog();
        int length = cut % log.length;
        int endOfSpecId = 32 + 37;
        if (length == endOfSpecId) {
            return; // a cut between records leaves a shorter, valid log
        }
        byte[] truncated = java.util.Arrays.copyOf(log, length);
        Optional<TrustException> error = parseOrExplain(truncated);
        assertThat(error).as("a log cut at %d of %d bytes", length, log.length).isPresent();
        assertThat(error.get().getMessage()).contains("offset");
    }

    @Property(tries = 500)
    void mutatedLogsNeverCrash(@ForAll("mutations") int[] mutation) {
        byte[] log = sampleLog();
        for (int i = 0; i + 1 < mutation.length; i += 2) {
            log[mutation[i] % log.length] = (byte) mutation[i + 1];
        }
        parseOrExplain(log);
    }

    @Property(tries = 60)
    void mutatedAnchorLogsNeverCrash(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position, @ForAll byte value) throws Exception {
        var anchors = Anchors.find();
        if (anchors.isEmpty()) {
            return;
        }
        byte[] log = Files.readAllBytes(anchors.get().resolve("tpm2-tools/event-sd-boot-fedora37.bin"));
        log[position % log.length] = value;
        parseOrExplain(log).ifPresentOrElse(e -> { }, () -> BootFacts.of(EventLogParser.parse(log, "mutated")));
    }

    @Provide
    Arbitrary<int[]> mutations() {
        return Arbitraries.integers().between(0, 255).array(int[].class).ofMinSize(2).ofMaxSize(8);
    }

    /** Parses and replays; returns the TrustException if rejected; any other throwable fails the property. */
    private static Optional<TrustException> parseOrExplain(byte[] bytes) {
        try {
            EventLog log = EventLogParser.parse(bytes, "fuzz");
            PcrReplay.replay(log);
            BootFacts.of(log);
            return Optional.empty();
        } catch (TrustException e) {
            assertThat(e.code()).isEqualTo(TrustErrorCode.EVENT_LOG_MALFORMED);
            assertThat(e.getMessage()).startsWith("fuzz: offset ");
            return Optional.of(e);
        }
    }
}
