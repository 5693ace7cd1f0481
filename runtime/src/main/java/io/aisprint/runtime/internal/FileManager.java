package io.aisprint.runtime.internal;

import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.TaskRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Tracks file and directory data by path and owns the folder holding renamed versions. */
final class FileManager {
    private final Map<Path, DataCell<?>> cells = new ConcurrentHashMap<>();
    private final Path configuredWorkDir;
    private volatile Path workDir;

    FileManager(Path configuredWorkDir) {
        this.configuredWorkDir = configuredWorkDir;
    }

    static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }

    DataCell<?> cellFor(Path path, DataCell.Kind kind) {
        Path key = normalize(path);
        return cells.computeIfAbsent(key, p -> new DataCell<>(p.toString(), kind, null, null, p));
    }

    DataCell<?> find(Path path) {
        return cells.get(normalize(path));
    }

    DataCell<?> remove(Path path) {
        return cells.remove(normalize(path));
    }

    Collection<DataCell<?>> all() {
        return cells.values();
    }

    Path renamedPath(Path declared, long taskId) {
        return workDir().resolve(taskId + "-" + declared.getFileName());
    }

    private Path workDir() {
        Path dir = workDir;
        if (dir == null) {
            synchronized (this) {
                if (workDir == null) {
                    try {
                        workDir = configuredWorkDir != null ? Files.createDirectories(configuredWorkDir)
                                : Files.createTempDirectory("aisprint-runtime-");
                    } catch (IOException e) {
                        throw new TaskRuntimeException(ErrorCode.DATA_IO, "cannot create the folder for renamed file"
                                + " versions: " + e.getMessage() + "\nMaybe set a writable workDir on the runtime builder.", e);
                    }
                }
                dir = workDir;
            }
        }
        return dir;
    }

    /** Copies a file or a directory tree, replacing the target. */
    static void copy(Path from, Path to, boolean directory) throws IOException {
        if (!directory) {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        deleteTree(to);
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Puts a version at the declared path: a file atomically (temp copy + move), a directory by copy. */
    static void publish(Path physical, Path declared, boolean directory) throws IOException {
        if (physical.equals(declared) || !Files.exists(physical)) {
            return;
        }
        if (directory) {
            copy(physical, declared, true);
            return;
        }
        Path parent = declared.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".aisprint-", ".tmp");
        try {
            Files.copy(physical, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, declared, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            // Nothing half-written stays behind when the move fails (say, a folder in the way).
            Files.deleteIfExists(temp);
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        if (!Files.isDirectory(path)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    void deleteWorkDir() {
        Path dir = workDir;
        if (dir != null && configuredWorkDir == null) {
            try {
                deleteTree(dir);
            } catch (IOException ignored) {
                // Best effort: a temporary folder left behind is harmless.
            }
        }
    }
}
