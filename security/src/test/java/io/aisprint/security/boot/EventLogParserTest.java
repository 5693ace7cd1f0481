package io.aisprint.security.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.security.TrustException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Hand-made bad logs: each gets a message naming the offset and what was wrong. */
class EventLogParserTest {

    @Test
    void anEmptyLogIsRejected() {
        assertThatThrownBy(() -> EventLogParser.parse(new byte[0], "empty.bin")).isInstanceOf(TrustException.class)
            .hasMessage("empty.bin: offset 0: the event log is empty");
    }

    @Test
    void aHugeEventSizeIsRejectedBeforeAnythingIsAllocated() {
        byte[] log = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(8).put(new byte[20]).putInt(0x7fffffff).array();
        assertThatThrownBy(() -> EventLogParser.parse(log, "huge.bin"))
            .hasMessage("huge.bin: offset 28: event size 2147483647 (record at offset 0) exceeds the 0 bytes left in the log");
    }

    @Test
    void aWrongDigestSizeInTheSpecIdEventIsRejected() {
        byte[] log = EventLogFuzzTest.sampleLog();
        log[32 + 30] = 32; // sha1's digest size in the algorithm table, normally 20
        assertThatThrownBy(() -> EventLogParser.parse(log, "specid.bin"))
            .hasMessage("specid.bin: offset 60: the Spec ID event gives sha1 (0x0004) a digest size of 32 bytes; expected 20");
    }

    @Test
    void anUnlistedDigestAlgorithmIsRejected() {
        byte[] log = EventLogFuzzTest.sampleLog();
        log[32 + 37 + 12] = 0x0D; // first digest of the separator claims sha512
        assertThatThrownBy(() -> EventLogParser.parse(log, "alg.bin"))
            .hasMessage("alg.bin: offset 81: event 1 uses digest algorithm 0x000D, which the Spec ID event does not list");
    }

    @Test
    void aPcrIndexOutOfRangeIsRejected() {
        byte[] log = EventLogFuzzTest.sampleLog();
        log[32 + 37] = 40;
        assertThatThrownBy(() -> EventLogParser.parse(log, "pcr.bin")).hasMessage("pcr.bin: offset 69: PCR index 40 is out of range 0..23");
        assertThat(EventLogParser.parse(EventLogFuzzTest.sampleLog(), "ok").events()).hasSize(2);
    }
}
