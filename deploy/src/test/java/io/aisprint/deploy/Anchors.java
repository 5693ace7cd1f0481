package io.aisprint.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds {@code ../shared/anchors} beside the repository; tests that need it skip when absent. */
final class Anchors {
    private Anchors() {
    }

    static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("anchors");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path require() {
        Optional<Path> anchors = find();
        assumeTrue(anchors.isPresent(), "../shared/anchors is absent: reference-data tests skipped");
        return anchors.get();
    }

    /** A writable copy of an anchor folder (anchors are read-only and must stay untouched). */
    static Path copy(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                    destination.toFile().setWritable(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
