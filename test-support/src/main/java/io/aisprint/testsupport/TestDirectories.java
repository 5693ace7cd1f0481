package io.aisprint.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Copies and deletes folder trees for tests that change a copy of an example. */
public final class TestDirectories {
    private TestDirectories() {
    }

    /** Copies {@code source} into {@code target} (created as needed). */
    public static Path copy(Path source, Path target) throws IOException {
        return copy(source, target, path -> true);
    }

    /** Copies the files of {@code source} that {@code include} accepts (folders always) into {@code target}. */
    public static Path copy(Path source, Path target, Predicate<Path> include) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.sorted().toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else if (include.test(path)) {
                    Files.copy(path, destination);
                }
            }
        }
        return target;
    }

    /** Deletes a folder tree (nothing when it does not exist). */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
