package io.aisprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JvmFlagsTest {
    @Test
    void theLaunchersArgumentFileCarriesTheSameFlagsAsTheCode() throws Exception {
        // Maven runs tests in the module folder, where the launcher's argument file lives.
        Path argumentFile = Path.of("ignite-jvm.args");
        assertThat(Files.readAllLines(argumentFile).stream().filter(line -> line.startsWith("--add-opens")))
                .containsExactlyElementsOf(JvmFlags.IGNITE_ADD_OPENS);
    }

    @Test
    void thisTestJvmWasStartedWithThem() {
        assertThat(JvmFlags.presentInThisJvm()).isTrue();
    }
}
