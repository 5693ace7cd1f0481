package io.aisprint.learn.data;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader of the IDX format of (Fashion-)MNIST: a big-endian magic {@code 0x0000 0x08 D} (unsigned
 * bytes, D dimensions), D big-endian sizes, then the bytes. Plain or gzip-compressed files.
 */
public final class IdxFile {
    private static final int UNSIGNED_BYTE = 0x08;

    /** The sizes of each dimension and the data, one unsigned byte per element. */
    public record Contents(int[] dimensions, byte[] data) {
    }

    private IdxFile() {
    }

    /** Reads a file whose dimension count must be {@code expectedDimensions}. */
    public static Contents read(Path file, int expectedDimensions) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw)) {
            int magic = in.readInt();
            int type = (magic >> 8) & 0xff;
            int dimensions = magic & 0xff;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || dimensions != expectedDimensions) {
                throw new LearnException(LearnErrorCode.DATA_INVALID, String.format(
                    "%s is not an IDX file of unsigned bytes with %d dimensions: magic number 0x%08x.%n"
                        + "Maybe the images and labels files are swapped?", file, expectedDimensions, magic));
            }
            int[] sizes = new int[dimensions];
            long total = 1;
            for (int d = 0; d < dimensions; d++) {
                sizes[d] = in.readInt();
                total *= sizes[d];
            }
            if (sizes[0] < 0 || total > Integer.MAX_VALUE - 8 || total < 0) {
                throw new LearnException(LearnErrorCode.DATA_INVALID, file + ": IDX sizes out of range.");
            }
            byte[] data = new byte[(int) total];
            in.readFully(data);
            return new Contents(sizes, data);
        } catch (NoSuchFileException e) {
            throw new LearnException(LearnErrorCode.DATA_UNREADABLE, "Cannot read " + file + ": no such file.\n"
                + "Maybe install the Debian package dataset-fashion-mnist, or pass --data DIR.", e);
        } catch (EOFException e) {
            throw new LearnException(LearnErrorCode.DATA_INVALID, file + " ends before the sizes in its header say it should (truncated download?).", e);
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.DATA_UNREADABLE, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
