package io.aisprint.server.internal;

import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks an uploaded zip, tar or tar.gz into a fresh folder, refusing anything that could write
 * outside it: absolute names, {@code ..} segments, links and devices; and bounding the unpacked size
 * and the number of entries, so an archive bomb stops early.
 */
public final class ArchiveExtractor {
    public enum Format { ZIP, TAR, TAR_GZ, JSON }

    static final int MAX_ENTRIES = 10_000;

    private final long maxBytes;

    public ArchiveExtractor(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** What {@code head} (the first bytes of a body) looks like. */
    public static Format sniff(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Format.ZIP;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Format.TAR_GZ;
        }
        if (head.length >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
            return Format.TAR;
        }
        for (byte b : head) {
            if (!Character.isWhitespace(b)) {
                return b == '{' ? Format.JSON : null;
            }
        }
        return null;
    }

    /** Unpacks {@code archive} of {@code format} into the empty folder {@code target}. */
    public void extract(Path archive, Format format, Path target) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            switch (format) {
                case ZIP -> unzip(raw, target);
                case TAR -> untar(raw, target);
                case TAR_GZ -> untar(new GZIPInputStream(raw), target);
                case JSON -> throw new IllegalArgumentException("a JSON body is not an archive");
            }
        } catch (ZipException | java.io.EOFException e) {
            throw bad("the archive is damaged: " + e.getMessage());
        } catch (IOException e) {
            throw bad("cannot read the archive: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // commons-compress reports malformed headers this way
            throw bad("the archive is damaged: " + e.getMessage());
        }
    }

    private void unzip(InputStream raw, Path target) throws IOException {
        long[] budget = {maxBytes};
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw tooLarge("more than " + MAX_ENTRIES + " entries");
                }
                Path destination = destination(target, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    copy(zip, destination, budget, entry.getName());
                }
            }
        }
        if (entries == 0) {
            throw bad("the zip archive has no entries (or is not a zip archive)");
        }
    }

    private void untar(InputStream raw, Path target) throws IOException {
        long[] budget = {maxBytes};
        int entries = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw tooLarge("more than " + MAX_ENTRIES + " entries");
                }
                if (entry.isSymbolicLink() || entry.isLink() || !(entry.isFile() || entry.isDirectory())) {
                    throw new ServerException(ErrorCode.UNSAFE_ARCHIVE, "the archive entry '" + entry.getName()
                            + "' is a link or a special file", "body: " + entry.getName(),
                            "Maybe pack the files themselves (tar without links).");
                }
                Path destination = destination(target, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    copy(tar, destination, budget, entry.getName());
                }
            }
        }
        if (entries == 0) {
            throw bad("the tar archive has no entries");
        }
    }

    /** Where {@code name} goes under {@code target}; refuses names that would land anywhere else. */
    static Path destination(Path target, String name) {
        String clean = name.replace('\\', '/');
        boolean absolute = clean.startsWith("/") || clean.matches("^[A-Za-z]:.*");
        boolean climbs = ("/" + clean + "/").contains("/../");
        if (absolute || climbs || clean.indexOf('\0') >= 0 || clean.isBlank()) {
            throw new ServerException(ErrorCode.UNSAFE_ARCHIVE, "the archive entry '" + name + "' points outside the application folder",
                    "body: " + name, "Maybe pack the application folder with relative paths (cd into its parent, then zip -r).");
        }
        Path destination = target.resolve(clean).normalize();
        if (!destination.startsWith(target)) {
            throw new ServerException(ErrorCode.UNSAFE_ARCHIVE, "the archive entry '" + name + "' points outside the application folder",
                    "body: " + name, null);
        }
        return destination;
    }

    private void copy(InputStream in, Path destination, long[] budget, String name) throws IOException {
        Files.createDirectories(destination.getParent());
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(destination, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                budget[0] -= read;
                if (budget[0] < 0) {
                    throw tooLarge("it unpacks to more than " + maxBytes + " bytes (at '" + name + "')");
                }
                out.write(buffer, 0, read);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw bad("the archive holds '" + name + "' twice");
        }
    }

    private ServerException tooLarge(String why) {
        return new ServerException(ErrorCode.PAYLOAD_TOO_LARGE, "the archive is too large: " + why, "body",
                "Maybe leave data sets and models out of the upload; the application needs only its configuration.");
    }

    private static ServerException bad(String message) {
        return new ServerException(ErrorCode.BAD_ARCHIVE, message, "body",
                "Maybe send a zip (zip -r app.zip APPDIR), a tar or tar.gz of the application folder, or a system JSON.");
    }
}
