package io.aisprint.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.cluster.ClusterException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Property(tries = 200)
    void primitiveArraysComeBackEqual(@ForAll double[] doubles, @ForAll float[] floats, @ForAll long[] longs, @ForAll int[] ints,
            @ForAll byte[] bytes) {
        assertThat((double[]) Payloads.read(Payloads.write(doubles, "d"), "d")).containsExactly(doubles);
        assertThat((float[]) Payloads.read(Payloads.write(floats, "f"), "f")).containsExactly(floats);
        assertThat((long[]) Payloads.read(Payloads.write(longs, "l"), "l")).containsExactly(longs);
        assertThat((int[]) Payloads.read(Payloads.write(ints, "i"), "i")).containsExactly(ints);
        assertThat((byte[]) Payloads.read(Payloads.write(bytes, "b"), "b")).containsExactly(bytes);
    }

    @Test
    void valuesWrittenAfterAHeaderAreReadFromTheirOffset() {
        byte[] raw = Payloads.write(new int[] {4, 5}, "ints", 8);
        assertThat(raw).hasSize(8 + 2 + 8);
        assertThat((int[]) Payloads.read(raw, 8, "ints")).containsExactly(4, 5);
        byte[] serialised = Payloads.write(List.of("a", "b"), "list", 8);
        assertThat(java.util.Arrays.copyOf(serialised, 8)).containsOnly(0);
        assertThat(Payloads.read(serialised, 8, "list")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aRawArrayIsItsBytesPlusATwoByteHeader() {
        assertThat(Payloads.write(new double[50_000], "block")).hasSize(2 + 8 * 50_000);
    }

    record Point(int x, String label) implements java.io.Serializable {
    }

    @Test
    void otherValuesStillTravelSerialised() {
        Object value = List.of(new Point(3, "a"), new double[] {1.5});
        Object back = Payloads.read(Payloads.write(value, "points"), "points");
        assertThat(back).isInstanceOf(List.class);
        assertThat(((List<?>) back).get(0)).isEqualTo(new Point(3, "a"));
        assertThat((double[]) ((List<?>) back).get(1)).containsExactly(1.5);
    }

    @Test
    void brokenBytesAreReportedWithWhatWasBeingRead() {
        assertThatThrownBy(() -> Payloads.read(new byte[] {0x5A, 'Q', 1, 2}, "kept value k1"))
                .isInstanceOf(ClusterException.class).hasMessageContaining("kept value k1").hasMessageContaining("unknown array kind");
        assertThatThrownBy(() -> Payloads.read(new byte[] {1, 2, 3}, "the result of task 't'"))
                .isInstanceOf(ClusterException.class).hasMessageContaining("the result of task 't'");
        assertThatThrownBy(() -> Payloads.write(new Object(), "task 'x' and its inputs"))
                .isInstanceOf(ClusterException.class).hasMessageContaining("must be Serializable");
    }

    @Test
    void aTruncatedTaskMessageIsReportedNotThrownRaw() {
        assertThatThrownBy(() -> RemoteJob.decode(new byte[] {0, 0, 0, 1}))
                .isInstanceOf(ClusterException.class).hasMessageContaining("malformed task message");
    }

    @Test
    void aTaskMessageRoundTrips() {
        RemoteJob job = new RemoteJob(ctx -> 42, new Object[] {"in", 7}, true, "answer", 2, 3);
        RemoteJob.Received received = RemoteJob.decode(job.encode());
        assertThat(received.job().keep).isTrue();
        assertThat(received.job().taskName).isEqualTo("answer");
        assertThat(received.job().attempt).isEqualTo(2);
        assertThat(received.job().cores).isEqualTo(3);
        Object[] unpacked = received.job().unpack();
        assertThat((Object[]) unpacked[1]).containsExactly("in", 7);
    }
}
