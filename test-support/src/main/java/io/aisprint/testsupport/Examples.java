package io.aisprint.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code examples/} folder from a module's working directory. */
public final class Examples {
    private Examples() {
    }

    public static Path require(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** The repository's root folder (the one holding {@code examples/}). */
    public static Path repositoryRoot() {
        return require("mask-detection").getParent().getParent();
    }
}
