package io.aisprint.perf.aml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every campaign in {@code anchors/amllib/configs} runs end to end and writes aMLLibrary's output
 * folder; the saved best model, reloaded, predicts the training rows as the campaign did.
 * stereomatch_itr_100.ini runs with hyperopt_max_evals cut from 20 to 1 (500 XGBoost fits take
 * minutes; the full run is in bench/perf).
 */
class AnchorConfigsRunTest {
    @TempDir
    Path dir;

    @Test
    void everyAnchorConfigRunsAndItsBestModelReloads() throws IOException {
        Path anchors = AmlAnchors.require();
        List<Path> configs;
        try (Stream<Path> files = Files.list(anchors.resolve("configs"))) {
            configs = files.filter(p -> p.toString().endsWith(".ini")).sorted().toList();
        }
        assertThat(configs).hasSizeGreaterThanOrEqualTo(4);
        for (Path original : configs) {
            String text = Files.readString(original).replace("\"inputs/", "\"" + anchors.resolve("inputs") + "/");
            text = text.replace("hyperopt_max_evals = 20", "hyperopt_max_evals = 1");
            Path config = dir.resolve(original.getFileName());
            Files.writeString(config, text);
            Path out = dir.resolve("out-" + original.getFileName());
            Campaign.Result result = new Campaign(AmlConfig.read(config), 2).run((a, b) -> { });
            CampaignOutput.write(result, out, 1.0);
            for (String f : List.of("configuration.ini", "configuration_enriched.ini", "data.csv", "data_preprocessed.csv",
                    "results.txt", "results.json", "best.json", "done")) {
                assertThat(out.resolve(f)).as(original + " " + f).exists();
            }
            JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
            String best = json.get("best").asText();
            for (String technique : List.of("train_mape", "hp_selection_mape", "validation_mape", "rmse", "r2")) {
                assertThat(json.at("/techniques/" + best + "/" + technique).isNumber()).isTrue();
            }
            assertThat(json.at("/techniques/" + best + "/validation_mape").asDouble()).as(original.toString())
                    .isBetween(0.0, 0.15);
            assertThat(Files.readString(out.resolve("results.txt"))).contains("Overall best result is " + best);

            TrainedModel reloaded = TrainedModel.read(out.resolve("best.json"));
            Frame raw = Frame.readCsv(result.data().input());
            double[] predicted = reloaded.predict(raw, "data");
            double[] original2 = result.techniques().get(best).model().predict(raw, "data");
            assertThat(predicted).containsExactly(original2, org.assertj.core.api.Assertions.within(1e-9));
        }
    }
}
