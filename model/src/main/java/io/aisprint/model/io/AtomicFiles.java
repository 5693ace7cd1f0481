package io.aisprint.model.io;

import io.aisprint.model.ModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old or the new content, never half of it. The
 * temporary file is created like any other file (Files.createTempFile would make it 0600, and the
 * move would keep that), so the result gets the permissions the user's umask gives.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    static void write(Path target, String content) {
        try {
            writeOrThrow(target, content);
        } catch (IOException e) {
            throw ModelException.unreadable(target.toString(), "", "cannot write the file (" + e.getMessage() + ")");
        }
    }

    /** Writes {@code content} (UTF-8) to {@code target} atomically, creating its folder if needed. */
    public static void writeOrThrow(Path target, String content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
