package io.aisprint.platform;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's examples from the module's working directory. */
final class Examples {
    private Examples() {
    }

    static Path directory(String name) {
        Path at = Path.of("").toAbsolutePath();
        while (at != null) {
            Path candidate = at.resolve("examples").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            at = at.getParent();
        }
        throw new IllegalStateException("examples/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    static SystemDescription maskDetection() {
        return SystemReaders.read(directory("mask-detection"));
    }
}
