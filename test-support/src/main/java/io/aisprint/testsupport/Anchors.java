package io.aisprint.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds {@code ../shared/anchors} (the reference tools' real data) above the working directory.
 * Tests that need it skip when it is absent, so a bare clone passes; CI has it, so they run there.
 */
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

    /** A folder inside the anchors ({@code gpu-scheduler}, {@code amllib} ...), or skips the calling test. */
    public static Path require(String relative) {
        Path folder = require().resolve(relative);
        assumeTrue(Files.exists(folder), "../shared/anchors/" + relative + " is absent: reference-data tests skipped");
        return folder;
    }
}
