package io.aisprint.monitor.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The embedded store's acknowledgement log for small writes: records {@code [length][crc32][payload]}
 * appended to one file and synced once per group of concurrent writes, before they are answered.
 * The rows reach DuckDB later, many writes in one commit, and the log is emptied after that
 * commit. On open, whatever the log still holds is applied again; a record torn by a crash fails
 * its check and ends the replay there (it was never acknowledged). Applying a record twice (a
 * crash between the DuckDB commit and the truncation) stores the same values again, which
 * last-write-wins reads as one point.
 */
final class AckLog implements AutoCloseable {
    private static final int HEADER_BYTES = 8;

    private final Path file;
    private final FileChannel channel;
    private boolean holdsRecords;

    AckLog(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    Path file() {
        return file;
    }

    /** The intact records from the start, in order; the file is cut after the last intact one. */
    List<byte[]> readAll() throws IOException {
        List<byte[]> records = new ArrayList<>();
        long size = channel.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        while (position + HEADER_BYTES <= size) {
            header.clear();
            channel.read(header, position);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || position + HEADER_BYTES + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            channel.read(payload, position + HEADER_BYTES);
            CRC32 check = new CRC32();
            check.update(payload.array());
            if ((int) check.getValue() != crc) {
                break;
            }
            records.add(payload.array());
            position += HEADER_BYTES + length;
        }
        channel.truncate(position);
        channel.position(position);
        holdsRecords = position > 0;
        return records;
    }

    /** Appends the records and syncs them to disk: one sync for the whole group. */
    void append(List<byte[]> payloads) throws IOException {
        int total = 0;
        for (byte[] payload : payloads) {
            total += HEADER_BYTES + payload.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (byte[] payload : payloads) {
            CRC32 crc = new CRC32();
            crc.update(payload);
            buffer.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        holdsRecords = true;
        channel.force(false);
    }

    /**
     * After the logged rows are committed to DuckDB: the file is cut to nothing and that is synced,
     * so older records can never reappear behind newer ones after a crash.
     */
    void clear() throws IOException {
        if (!holdsRecords) {
            return;
        }
        channel.truncate(0);
        channel.position(0);
        channel.force(true);
        holdsRecords = false;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A payload builder (big-endian, strings as UTF-8 with an int length). */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Writer putInt(int value) throws IOException {
            out.writeInt(value);
            return this;
        }

        Writer putLong(long value) throws IOException {
            out.writeLong(value);
            return this;
        }

        Writer putByte(int value) throws IOException {
            out.writeByte(value);
            return this;
        }

        Writer putDouble(double value) throws IOException {
            out.writeDouble(value);
            return this;
        }

        Writer putString(String value) throws IOException {
            if (value == null) {
                out.writeInt(-1);
                return this;
            }
            byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
            return this;
        }

        byte[] toBytes() throws IOException {
            out.flush();
            return bytes.toByteArray();
        }
    }

    /** Reads what {@link Writer} wrote. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] payload) {
            this.in = ByteBuffer.wrap(payload);
        }

        int getInt() {
            return in.getInt();
        }

        long getLong() {
            return in.getLong();
        }

        byte getByte() {
            return in.get();
        }

        double getDouble() {
            return in.getDouble();
        }

        String getString() {
            int length = in.getInt();
            if (length < 0) {
                return null;
            }
            byte[] utf8 = new byte[length];
            in.get(utf8);
            return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
