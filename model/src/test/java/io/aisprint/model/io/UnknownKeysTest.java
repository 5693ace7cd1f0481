package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.testsupport.TestDirectories;
import io.aisprint.testsupport.Examples;
import io.aisprint.model.ModelException;
import io.aisprint.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two typos a new user hit: each dropped a setting while validation said "valid". */
class UnknownKeysTest {
    @TempDir
    Path app;

    @Test
    void aMisspelledQosLimitInAnAnnotationIsAnErrorWithItsLine() throws IOException {
        copyExample();
        replace("common_config/annotations.yaml", "    local_time_thr: 0.5", "    local_time_thresh: 0.5");

        ModelException e = readFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("common_config/annotations.yaml");
            assertThat(p.location()).startsWith("line 7 ");
            assertThat(p.message()).contains("unknown key \"local_time_thresh\"", "local_time_thr, global_time_thr, prev_components",
                "Maybe you meant \"local_time_thr\"?");
        });
    }

    @Test
    void aMisspelledLambdaIsAnErrorNotTheDefault() throws IOException {
        copyExample();
        replace("common_config/performance.yaml", "lambda: 2", "lamda: 5");

        ModelException e = readFails();

        assertThat(e.problems()).extracting(Problem::message).anySatisfy(message ->
            assertThat(message).contains("unknown key \"lamda\"", "Maybe you meant \"lambda\"?"));
    }

    @Test
    void keysTheAiSprintToolsDefineButWeDoNotReadAreAllowed() throws IOException {
        copyExample();
        replace("common_config/candidate_resources.yaml", "              name: RaspberryPi4",
            "              name: RaspberryPi4\n              onSpot: false");
        assertThat(SystemReaders.read(app).application().components()).isNotEmpty();
    }

    @Test
    void farOffKeysGetNoGuess() {
        assertThat(UnknownKeys.nearest("zzzzzzzz", java.util.List.of("lambda", "time", "components"))).isNull();
        assertThat(UnknownKeys.nearest("componets", java.util.List.of("lambda", "time", "components"))).isEqualTo("components");
    }

    @Test
    void betweenKeysThatDifferOnlyInCaseTheCaseDecides() {
        var spellings = java.util.List.of("computationallayers", "computationalLayers");
        assertThat(UnknownKeys.nearest("computationalLayer", spellings)).isEqualTo("computationalLayers");
        assertThat(UnknownKeys.nearest("computationallayer", spellings)).isEqualTo("computationallayers");
    }

    private ModelException readFails() {
        return (ModelException) assertThatThrownBy(() -> SystemReaders.read(app)).isInstanceOf(ModelException.class).actual();
    }

    private void replace(String relative, String from, String to) throws IOException {
        Path file = app.resolve(relative);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private void copyExample() throws IOException {
        TestDirectories.copy(Examples.require("mask-detection"), app);
    }
}
