package io.aisprint.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.perf.RegressionModels;
import io.aisprint.perf.aml.AmlConfig;
import io.aisprint.perf.aml.Campaign;
import io.aisprint.perf.aml.CampaignOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AI-SPRINT mask-detection application whose performance entries are aMLLibrary regressors
 * (CoreBasedPredictor on the VMs, MLLIBfaas on the FaaS configurations) is designed with models
 * trained by perf from profiling tables (response time against cores and λ).
 */
class RegressionModelDesignTest {
    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        System.clearProperty("aisprint.perf.models");
        RegressionModels.clear();
    }

    /** A profiling table: a parallel part that shrinks with cores, a serial part, a queueing term in λ. */
    private Path profile(String name, double serial, double parallel) throws IOException {
        Random random = new Random(name.hashCode());
        StringBuilder csv = new StringBuilder("cores,Lambda,response_time\n");
        for (int cores : new int[] {1, 2, 4, 8, 12, 16, 20}) {
            for (double lambda : new double[] {0.1, 0.25, 0.5, 1.0}) {
                for (int rep = 0; rep < 3; rep++) {
                    double t = (serial + parallel / cores + 0.05 * lambda) * (1 + 0.01 * random.nextGaussian());
                    csv.append(String.format(Locale.ROOT, "%d,%s,%.6f%n", cores, lambda, t));
                }
            }
        }
        Path file = dir.resolve(name + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    /** Trains the campaign into ROOT/<model folder>, the folder name the application's entries use. */
    private void train(Path root, String folder, Path data) throws IOException {
        Path config = dir.resolve(folder + ".ini");
        Files.writeString(config, """
                [General]
                techniques = ['LRRidge', 'XGBoost']
                hp_selection = KFold
                validation = HoldOut
                folds = 3
                hold_out_ratio = 0.2
                y = "response_time"

                [DataPreparation]
                input_path = "%s"
                inverse = ['cores']

                [LRRidge]
                alpha = [0.001, 0.01]

                [XGBoost]
                n_estimators = [30]
                max_depth = [3]
                learning_rate = [0.3]
                """.formatted(data.toString().replace("\\", "/")));
        Campaign.Result result = new Campaign(AmlConfig.read(config), 1).run((a, b) -> { });
        assertThat(result.techniques().get(result.best()).scores().validationMape()).isLessThan(0.05);
        CampaignOutput.write(result, root.resolve(folder), 1.0);
    }

    @Test
    void anchorApplicationWithRegressorsIsDesignedWithModelsTrainedHere() throws IOException {
        Path anchors = Anchors.require();
        Path systemFile = anchors.resolve("aisprint-apps/studio-mask_detection_3_components_4CL/space4ai-d/SystemFile.json");
        SystemDescription system = SystemReaders.read(systemFile);

        Path root = dir.resolve("models");
        train(root, "C2P1.1@VM2_model_noSFS", profile("p11", 0.3, 4.0));
        train(root, "C2P1.2@VM2_model_noSFS", profile("p12", 0.2, 2.5));
        System.setProperty("aisprint.perf.models", root.toString());

        DesignResult result = Designer.create().design(system, DesignOptions.defaults().withMethod(SearchMethod.EXACT)
                .withIterations(5_000).withTimeLimit(null).withThreads(1).withSeed(3));
        Placement best = result.best().orElseThrow(() -> new AssertionError("no placement: " + result.explanation()));
        var check = PlacementEvaluator.evaluate(system, best);
        assertThat(check.feasible()).isTrue();
        assertThat(best.totalCost()).isPositive();
    }

    @Test
    void withoutTrainedModelsTheErrorSaysHowToGetThem() throws IOException {
        Path anchors = Anchors.require();
        SystemDescription system = SystemReaders.read(
                anchors.resolve("aisprint-apps/studio-mask_detection_3_components_4CL/space4ai-d/SystemFile.json"));
        System.setProperty("aisprint.perf.models", dir.resolve("empty").toString());
        assertThatThrownBy(() -> Designer.create().design(system, DesignOptions.defaults().withIterations(10)
                .withTimeLimit(null).withThreads(1)))
                .isInstanceOf(PlacementException.class)
                .hasMessageContaining("aisprint perf train")
                .hasMessageContaining("best.pickle");
    }
}
