package io.aisprint.monitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path directory;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<SegmentLog.Entry> entries) {
        return entries.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void recordsComeBackInOrderAndAcknowledgedOnesAreGoneAfterReopen() {
        try (SegmentLog log = new SegmentLog(directory, 8 * MIB)) {
            log.append(bytes("one"));
            log.append(bytes("two"));
            log.append(bytes("three"));
            List<SegmentLog.Entry> entries = log.peek(1_000);
            assertThat(texts(entries)).containsExactly("one", "two", "three");
            log.acknowledge(entries.get(0));
        }
        try (SegmentLog log = new SegmentLog(directory, 8 * MIB)) {
            assertThat(texts(log.peek(1_000))).containsExactly("two", "three");
            log.append(bytes("four"));
            assertThat(texts(log.peek(1_000))).containsExactly("two", "three", "four");
        }
    }

    @Test
    void peekStopsAtTheByteBudgetButReturnsAtLeastOneRecord() {
        try (SegmentLog log = new SegmentLog(directory, 8 * MIB)) {
            log.append(bytes("a".repeat(100)));
            log.append(bytes("b".repeat(100)));
            assertThat(log.peek(150)).hasSize(1);
            assertThat(log.peek(10)).hasSize(1);
            assertThat(log.peek(200)).hasSize(2);
        }
    }

    @Test
    void aTornTailIsCutOnReopen() throws Exception {
        try (SegmentLog log = new SegmentLog(directory, 8 * MIB)) {
            log.append(bytes("kept-1"));
            log.append(bytes("kept-2"));
        }
        Path segment;
        try (Stream<Path> files = Files.list(directory)) {
            segment = files.filter(f -> f.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // A record header that promises 100 bytes, followed by only 5: what a crash mid-write leaves.
            channel.write(ByteBuffer.allocate(13).putInt(100).putInt(12345).put(bytes("torn!")).flip());
        }
        try (SegmentLog log = new SegmentLog(directory, 8 * MIB)) {
            log.append(bytes("after"));
            assertThat(texts(log.peek(1_000))).containsExactly("kept-1", "kept-2", "after");
        }
    }

    @Test
    void aCorruptRecordFailsItsChecksum() throws Exception {
        try (SegmentLog log = new SegmentLog(directory, 8 * MIB)) {
            log.append(bytes("good"));
            log.append(bytes("flipped"));
        }
        Path segment;
        try (Stream<Path> files = Files.list(directory)) {
            segment = files.filter(f -> f.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        byte[] content = Files.readAllBytes(segment);
        content[content.length - 1] ^= 0x1;
        Files.write(segment, content);
        try (SegmentLog log = new SegmentLog(directory, 8 * MIB)) {
            assertThat(texts(log.peek(1_000))).containsExactly("good");
        }
    }

    @Test
    void theOldestSegmentsAreDroppedAndCountedWhenTheBoundIsHit() {
        byte[] record = new byte[10_000];
        try (SegmentLog log = new SegmentLog(directory, MIB)) {
            for (int i = 0; i < 300; i++) {
                record[0] = (byte) i;
                log.append(record);
            }
            assertThat(log.totalBytes()).isLessThanOrEqualTo(MIB + 128 * 1024);
            assertThat(log.droppedRecords()).isGreaterThan(0);
            List<SegmentLog.Entry> left = log.peek(Long.MAX_VALUE);
            assertThat(left.size() + log.droppedRecords()).isEqualTo(300);
            // What is left is the newest data, still in order.
            assertThat(left.get(left.size() - 1).payload()[0]).isEqualTo((byte) 299);
            assertThat(left.get(0).payload()[0]).isEqualTo((byte) (300 - left.size()));
        }
        try (SegmentLog log = new SegmentLog(directory, MIB)) {
            assertThat(log.droppedRecords()).as("the counter survives a restart").isGreaterThan(0);
        }
    }
}
