package io.aisprint.security;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code shared/anchors/eventlogs} above the working directory; tests that need it skip when absent. */
public final class Anchors {
    private Anchors() {
    }

    public static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("anchors").resolve("eventlogs");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The event-log anchors folder, or skips the calling test with a message. */
    public static Path eventLogs() {
        Optional<Path> anchors = find();
        assumeTrue(anchors.isPresent(), "shared/anchors/eventlogs is absent: reference event-log tests skipped");
        return anchors.get();
    }
}
