package io.aisprint.perf.aml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad campaigns and data fail with one message naming the section/key or the row/column. */
class BadInputTest {
    @TempDir
    Path dir;

    private Path data(String csv) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, csv);
        return file;
    }

    private Path config(String general, String preparation, String sections) throws IOException {
        Path file = dir.resolve("c.ini");
        Files.writeString(file, """
                [General]
                techniques = ['LRRidge']
                hp_selection = All
                validation = All
                y = "y"
                %s
                [DataPreparation]
                input_path = "data.csv"
                %s
                [LRRidge]
                alpha = [0.1]
                %s
                """.formatted(general, preparation, sections));
        return file;
    }

    private static final String GOOD = "x1,x2,s,y\n1,2,a,3\n2,4,b,6\n3,5,a,8\n4,3,b,7\n";

    private void fails(Path config, String... parts) {
        assertThatThrownBy(() -> new Campaign(AmlConfig.read(config), 1).run((a, b) -> { }))
                .isInstanceOf(AmlException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(parts));
    }

    @Test
    void unknownTechnique() throws IOException {
        data(GOOD);
        Path c = config("", "", "").resolveSibling("c.ini");
        Files.writeString(c, Files.readString(c).replace("['LRRidge']", "['LRRidge', 'Lasso']"));
        fails(c, "[General] techniques", "unknown technique 'Lasso'");
    }

    @Test
    void unknownKeyInATechniqueSection() throws IOException {
        data(GOOD);
        fails(config("", "", "alphas = [1]"), "[LRRidge] alphas", "unknown key");
    }

    @Test
    void unknownKeyInDataPreparation() throws IOException {
        data(GOOD);
        fails(config("", "normalisation = True", ""), "[DataPreparation] normalisation", "unknown key");
    }

    @Test
    void columnTheConfigNamesIsMissing() throws IOException {
        data(GOOD);
        fails(config("", "use_columns = ['x1', 'zz']", ""), "[DataPreparation] use_columns", "'zz'");
        fails(config("", "skip_rows = {'zz': 3}", ""), "[DataPreparation] skip_rows", "'zz'");
    }

    @Test
    void notANumberAndInfinityNameRowAndColumn() throws IOException {
        data("x1,x2,y\n1,2,3\n2,,6\n3,5,8\n");
        fails(config("", "", ""), "row 2", "column 'x2'", "NaN");
        data("x1,x2,y\n1,2,3\n2,4,6\n3,5,inf\n");
        fails(config("", "", ""), "row 3", "column 'y'");
    }

    @Test
    void nonPositiveValueUnderLog() throws IOException {
        data("x1,x2,y\n1,2,3\n0,4,6\n3,5,8\n");
        fails(config("", "log = ['x1']", ""), "row 2", "column 'x1'", "not positive");
    }

    @Test
    void stringColumnUnderInverse() throws IOException {
        data(GOOD);
        fails(config("", "inverse = ['s']", ""), "[DataPreparation] inverse", "column 's'", "strings");
    }

    @Test
    void priorWithoutHyperoptAndBadScheme() throws IOException {
        data(GOOD);
        Path c = config("", "", "");
        Files.writeString(c, Files.readString(c).replace("alpha = [0.1]", "alpha = ['loguniform(0.1,1)']"));
        fails(c, "[LRRidge] alpha", "Hyperopt");
        Files.writeString(c, Files.readString(c).replace("validation = All", "validation = Bootstrap"));
        fails(c, "[General] validation", "Bootstrap");
    }

    @Test
    void failedRunLeavesNoOutputFolderAndExistingFolderIsRefused() throws IOException {
        data("x1,x2,y\n1,2,3\n0,4,6\n3,5,8\n");
        Path c = config("", "log = ['x1']", "");
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> CampaignOutput.write(new Campaign(AmlConfig.read(c), 1).run((a, b) -> { }), out, 0))
                .isInstanceOf(AmlException.class);
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
        data(GOOD);
        Path ok = config("", "", "");
        Files.createDirectory(out);
        assertThatThrownBy(() -> CampaignOutput.write(new Campaign(AmlConfig.read(ok), 1).run((a, b) -> { }), out, 0))
                .hasMessageContaining("already exists");
    }
}
