package io.aisprint.model.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code ../shared/anchors} beside the repository; tests that need it skip when absent. */
public final class Anchors {
    private Anchors() {
    }

    public static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("anchors");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The anchors folder, or skips the calling test with a message. */
    public static Path require() {
        Optional<Path> anchors = find();
        assumeTrue(anchors.isPresent(), "../shared/anchors is absent: reference-data tests skipped");
        return anchors.get();
    }
}
