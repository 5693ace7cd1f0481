package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aisprint perf train} then {@code perf predict --mape} on a small campaign; bad input exits 1. */
class PerfCommandTest {
    @TempDir
    Path dir;

    private Path campaign(String extra) throws IOException {
        StringBuilder csv = new StringBuilder("cores,size,time\n");
        for (int cores = 1; cores <= 8; cores++) {
            for (int size = 1; size <= 4; size++) {
                csv.append(cores).append(',').append(size).append(',').append(0.1 + 2.0 * size / cores).append('\n');
            }
        }
        Files.writeString(dir.resolve("profile.csv"), csv);
        Path config = dir.resolve("c.ini");
        Files.writeString(config, """
                [General]
                techniques = ['LRRidge', 'Stepwise']
                hp_selection = All
                validation = All
                y = "time"
                [DataPreparation]
                input_path = "profile.csv"
                inverse = ['cores']
                selected_products = ['size inverse_cores']
                %s
                [LRRidge]
                alpha = [0.0001]
                """.formatted(extra));
        return config;
    }

    @Test
    void trainThenPredictWithMape() throws IOException {
        Path config = campaign("");
        Path out = dir.resolve("out");
        var trained = CliTestSupport.run("perf", "train", config.toString(), "-o", out.toString(), "--no-progress");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("best: ");
        assertThat(out.resolve("results.json")).exists();
        var predicted = CliTestSupport.run("perf", "predict", out.resolve("best.json").toString(), "--input",
                dir.resolve("profile.csv").toString(), "-o", dir.resolve("pred").toString(), "--mape");
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        double mape = Double.parseDouble(Files.readString(dir.resolve("pred/mape.txt")).strip());
        assertThat(mape).isLessThan(1e-3);
        assertThat(Files.readAllLines(dir.resolve("pred/prediction.csv")).get(0)).isEqualTo("real,pred");
    }

    @Test
    void unknownKeyExitsOneAndLeavesNoFolder() throws IOException {
        Path config = campaign("logarithm = ['cores']");
        Path out = dir.resolve("bad");
        var outcome = CliTestSupport.run("perf", "train", config.toString(), "-o", out.toString(), "--no-progress");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("[DataPreparation] logarithm").contains("unknown key");
        assertThat(out).doesNotExist();
    }
}
