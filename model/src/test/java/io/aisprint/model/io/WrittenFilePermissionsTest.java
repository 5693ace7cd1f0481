package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Written files get the permissions the user's umask gives any new file, not the 0600 of a
 * temporary file renamed into place (a shared solution could not be read by the rest of the team).
 */
class WrittenFilePermissionsTest {
    @TempDir
    Path dir;
    private Set<PosixFilePermission> umaskDefault;

    @BeforeEach
    void plainFile() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs a POSIX file system");
        umaskDefault = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Assumptions.assumeTrue(umaskDefault.contains(PosixFilePermission.GROUP_READ) || umaskDefault.contains(PosixFilePermission.OTHERS_READ),
                "the umask gives new files owner-only permissions (" + PosixFilePermissions.toString(umaskDefault) + "): nothing to tell apart");
    }

    @Test
    void aSolutionAndASystemFileGetTheUmasksPermissions() {
        Path examples = example();
        SystemDescription system = SystemReaders.read(examples.resolve("system_description.json"));
        Placement placement = SolutionJsonReader.read(examples.resolve("solution.json"), system);
        Path solution = dir.resolve("out/solution.json");
        SolutionJsonWriter.write(system, placement, solution);
        Path written = dir.resolve("system.json");
        SystemJsonWriter.write(system, written);
        assertThat(solution).exists();
        assertThat(permissions(solution)).isEqualTo(umaskDefault);
        assertThat(permissions(written)).isEqualTo(umaskDefault);
    }

    @Test
    void overwritingLeavesNoTemporaryFileAndKeepsTheUmasksPermissions() throws Exception {
        Path file = dir.resolve("notes.txt");
        AtomicFiles.writeOrThrow(file, "one");
        AtomicFiles.writeOrThrow(file, "two");
        assertThat(Files.readString(file)).isEqualTo("two");
        assertThat(permissions(file)).isEqualTo(umaskDefault);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("plain", "notes.txt");
        }
    }

    private static Set<PosixFilePermission> permissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path example() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("examples").resolve("placement");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/placement not found");
    }
}
