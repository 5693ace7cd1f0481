package io.aisprint.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileManagerPublishTest {
    @TempDir
    Path dir;

    @Test
    void aFailedPublishLeavesNoTemporaryFileBehind() throws IOException {
        Path physical = Files.writeString(dir.resolve("version-2"), "new content");
        Path inTheWay = Files.createDirectories(dir.resolve("out").resolve("result.png"));
        Files.writeString(inTheWay.resolve("keep"), "a folder where the file should go");

        assertThatThrownBy(() -> FileManager.publish(physical, inTheWay, false)).isInstanceOf(IOException.class);

        try (Stream<Path> listing = Files.list(dir.resolve("out"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("result.png");
        }
    }

    @Test
    void aPublishedFileReplacesTheDeclaredOneWhole() throws IOException {
        Path physical = Files.writeString(dir.resolve("version-2"), "new content");
        Path declared = Files.writeString(dir.resolve("declared.txt"), "old");

        FileManager.publish(physical, declared, false);

        assertThat(Files.readString(declared)).isEqualTo("new content");
        try (Stream<Path> listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("version-2", "declared.txt");
        }
    }
}
