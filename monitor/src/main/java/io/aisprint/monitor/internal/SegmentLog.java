package io.aisprint.monitor.internal;

import io.aisprint.monitor.MonitorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The agent's disk buffer: an append-only log of records in numbered segment files, plus a
 * cursor file naming the first record not yet forwarded.
 *
 * <p>Why this and not an embedded database: an append is one write and one {@code fsync}, and
 * {@link #append} returns only after it, so an acknowledged record survives {@code kill -9} or
 * power loss. A record is {@code [length][crc32][payload]}; a write torn by a crash fails its
 * check on reopen and the tail is cut there, so a half-written record can never be forwarded.
 * Dropping the oldest data when the size bound is hit is deleting a file, and the bytes on disk
 * are exactly the bytes buffered; an SQL store would need deletes plus vacuuming to give space
 * back and would make the bound approximate.
 *
 * <p>Delivery is at least once: the cursor moves (atomically, file replaced) only after the
 * upstream acknowledged, so a crash in between re-sends a batch. InfluxDB merges duplicate points
 * (same series and time), and the agent stamps every point with an explicit time, so a re-send is
 * harmless there.
 */
public final class SegmentLog implements AutoCloseable {
    private static final int HEADER_BYTES = 8;
    private static final String SUFFIX = ".seg";

    /** One stored record and where the next one starts. */
    public record Entry(long segment, long offset, byte[] payload, long nextSegment, long nextOffset) {
    }

    private final Path directory;
    private final long maxBytes;
    private final long segmentBytes;
    private final TreeMap<Long, Long> segmentSizes = new TreeMap<>();
    private FileChannel current;
    private long currentSegment;
    private long cursorSegment;
    private long cursorOffset;
    private long droppedRecords;
    private long droppedBytes;

    public SegmentLog(Path directory, long maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(64 * 1024, Math.min(16L * 1024 * 1024, maxBytes / 8));
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    String name = file.getFileName().toString();
                    segmentSizes.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), Files.size(file));
                }
            }
            readCursor();
            if (segmentSizes.isEmpty()) {
                currentSegment = Math.max(1, cursorSegment);
                segmentSizes.put(currentSegment, 0L);
            } else {
                currentSegment = segmentSizes.lastKey();
                segmentSizes.put(currentSegment, validLength(currentSegment));
            }
            current = FileChannel.open(segmentPath(currentSegment), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            current.truncate(segmentSizes.get(currentSegment));
            current.position(segmentSizes.get(currentSegment));
            current.force(true);
            forceDirectory();
            if (!segmentSizes.containsKey(cursorSegment)) {
                cursorSegment = segmentSizes.firstKey();
                cursorOffset = 0;
            }
        } catch (IOException | NumberFormatException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Cannot open the agent buffer in " + directory + ": "
                    + e.getMessage() + "\nMaybe the directory is not writable, or holds files that are not agent segments.", e);
        }
    }

    /** Appends a record and forces it to disk before returning. */
    public synchronized void append(byte[] payload) {
        try {
            if (segmentSizes.get(currentSegment) > 0 && segmentSizes.get(currentSegment) + HEADER_BYTES + payload.length > segmentBytes) {
                roll();
            }
            ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + payload.length);
            CRC32 crc = new CRC32();
            crc.update(payload);
            buffer.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
            current.force(false);
            segmentSizes.merge(currentSegment, (long) HEADER_BYTES + payload.length, Long::sum);
            enforceBound();
        } catch (IOException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Cannot write to the agent buffer in " + directory + ": "
                    + e.getMessage() + "\nMaybe the disk is full.", e);
        }
        notifyAll();
    }

    private void roll() throws IOException {
        current.close();
        currentSegment++;
        segmentSizes.put(currentSegment, 0L);
        current = FileChannel.open(segmentPath(currentSegment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        forceDirectory();
    }

    /** Drops whole oldest segments, counting their unsent records, until the log fits its bound. */
    private void enforceBound() throws IOException {
        while (totalBytes() > maxBytes && segmentSizes.size() > 1) {
            long oldest = segmentSizes.firstKey();
            if (oldest >= cursorSegment) {
                long from = oldest == cursorSegment ? cursorOffset : 0;
                long[] counted = countRecords(oldest, from);
                droppedRecords += counted[0];
                droppedBytes += counted[1];
            }
            Files.deleteIfExists(segmentPath(oldest));
            segmentSizes.remove(oldest);
            if (cursorSegment <= oldest) {
                cursorSegment = segmentSizes.firstKey();
                cursorOffset = 0;
                writeCursor();
            }
        }
    }

    /**
     * Reads records from the cursor on, up to {@code maxPayloadBytes} in total (at least one
     * record). Does not move the cursor; call {@link #acknowledge} once they are delivered.
     */
    public synchronized List<Entry> peek(long maxPayloadBytes) {
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        long segment = cursorSegment;
        long offset = cursorOffset;
        try {
            while (segmentSizes.containsKey(segment)) {
                long size = segmentSizes.get(segment);
                if (offset >= size) {
                    Long next = segmentSizes.higherKey(segment);
                    if (next == null) {
                        break;
                    }
                    segment = next;
                    offset = 0;
                    continue;
                }
                Optional<byte[]> payload = read(segment, offset, size);
                if (payload.isEmpty()) {
                    // Corrupt record in the middle of an old segment: skip the rest of it.
                    droppedRecords++;
                    offset = size;
                    continue;
                }
                if (!entries.isEmpty() && total + payload.get().length > maxPayloadBytes) {
                    break;
                }
                long nextOffset = offset + HEADER_BYTES + payload.get().length;
                entries.add(new Entry(segment, offset, payload.get(), segment, nextOffset));
                total += payload.get().length;
                offset = nextOffset;
            }
        } catch (IOException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Cannot read the agent buffer: " + e.getMessage(), e);
        }
        return entries;
    }

    /** Waits up to {@code millis} for a record to be appended when none is pending. */
    public synchronized void awaitData(long millis) throws InterruptedException {
        if (pendingBytes() == 0) {
            wait(millis);
        }
    }

    /** Marks everything before {@code entry}'s end as delivered and deletes finished segments. */
    public synchronized void acknowledge(Entry entry) {
        if (!segmentSizes.containsKey(entry.nextSegment()) || entry.nextSegment() < cursorSegment
                || (entry.nextSegment() == cursorSegment && entry.nextOffset() <= cursorOffset)) {
            return; // the segment was dropped for space meanwhile; nothing to move
        }
        cursorSegment = entry.nextSegment();
        cursorOffset = entry.nextOffset();
        try {
            writeCursor();
            while (segmentSizes.firstKey() < cursorSegment) {
                long done = segmentSizes.firstKey();
                Files.deleteIfExists(segmentPath(done));
                segmentSizes.remove(done);
            }
        } catch (IOException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Cannot update the agent buffer cursor: " + e.getMessage(), e);
        }
    }

    public synchronized long totalBytes() {
        return segmentSizes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes (headers included) not yet forwarded. */
    public synchronized long pendingBytes() {
        long pending = 0;
        for (var segment : segmentSizes.tailMap(cursorSegment, true).entrySet()) {
            pending += segment.getValue() - (segment.getKey() == cursorSegment ? cursorOffset : 0);
        }
        return pending;
    }

    public synchronized long droppedRecords() {
        return droppedRecords;
    }

    public synchronized long droppedBytes() {
        return droppedBytes;
    }

    private Optional<byte[]> read(long segment, long offset, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(segmentPath(segment), StandardOpenOption.READ)) {
            return readRecord(channel, offset, size);
        }
    }

    private static Optional<byte[]> readRecord(FileChannel channel, long offset, long size) throws IOException {
        if (offset + HEADER_BYTES > size) {
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(channel, header, offset);
        header.flip();
        int length = header.getInt();
        int expectedCrc = header.getInt();
        if (length < 0 || offset + HEADER_BYTES + length > size) {
            return Optional.empty();
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(channel, payload, offset + HEADER_BYTES);
        CRC32 crc = new CRC32();
        crc.update(payload.array());
        return (int) crc.getValue() == expectedCrc ? Optional.of(payload.array()) : Optional.empty();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of segment");
            }
            at += read;
        }
    }

    /** The length of the valid prefix of a segment: the first torn or corrupt record ends it. */
    private long validLength(long segment) throws IOException {
        long size = Files.size(segmentPath(segment));
        long offset = 0;
        try (FileChannel channel = FileChannel.open(segmentPath(segment), StandardOpenOption.READ)) {
            while (true) {
                Optional<byte[]> record = readRecord(channel, offset, size);
                if (record.isEmpty()) {
                    return offset;
                }
                offset += HEADER_BYTES + record.get().length;
            }
        }
    }

    private long[] countRecords(long segment, long from) throws IOException {
        long size = segmentSizes.get(segment);
        long offset = from;
        long records = 0;
        try (FileChannel channel = FileChannel.open(segmentPath(segment), StandardOpenOption.READ)) {
            while (true) {
                Optional<byte[]> record = readRecord(channel, offset, size);
                if (record.isEmpty()) {
                    return new long[] {records, size - from};
                }
                records++;
                offset += HEADER_BYTES + record.get().length;
            }
        }
    }

    private void readCursor() throws IOException {
        Path file = directory.resolve("cursor");
        if (!Files.exists(file)) {
            cursorSegment = segmentSizes.isEmpty() ? 1 : segmentSizes.firstKey();
            cursorOffset = 0;
            return;
        }
        String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
        cursorSegment = Long.parseLong(parts[0]);
        cursorOffset = Long.parseLong(parts[1]);
        droppedRecords = parts.length > 2 ? Long.parseLong(parts[2]) : 0;
    }

    private void writeCursor() throws IOException {
        Path temp = directory.resolve("cursor.tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap((cursorSegment + " " + cursorOffset + " " + droppedRecords + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temp, directory.resolve("cursor"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the segment data itself is still synced.
        }
    }

    private Path segmentPath(long segment) {
        return directory.resolve(String.format("%020d%s", segment, SUFFIX));
    }

    @Override
    public synchronized void close() {
        try {
            current.close();
        } catch (IOException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Cannot close the agent buffer: " + e.getMessage(), e);
        }
        notifyAll();
    }
}
