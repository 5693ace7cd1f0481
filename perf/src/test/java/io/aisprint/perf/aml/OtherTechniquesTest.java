package io.aisprint.perf.aml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The techniques of aMLLibrary's multiple.ini (every technique, All/All) on simplest.csv train,
 * score sensibly, and their saved models predict exactly as the trained ones; NNLS keeps its
 * weights non-negative; a normalised Hyperopt campaign tunes within its prior's bounds.
 */
class OtherTechniquesTest {
    @TempDir
    Path dir;

    @Test
    void everyTechniqueOfMultipleTrainsAndRoundTrips() throws IOException {
        Path anchors = AmlAnchors.require();
        Path config = AmlAnchors.campaign(dir, "multiple.ini", """
                [General]
                techniques = ['LRRidge', 'DecisionTree', 'NeuralNetwork', 'NNLS', 'RandomForest', 'Stepwise', 'SVR', 'XGBoost']
                hp_selection = All
                validation = All
                y = "y"
                [DataPreparation]
                input_path = "%s"
                [LRRidge]
                alpha = [0.1]
                [DecisionTree]
                criterion = ['squared_error']
                max_depth = [3]
                max_features = ['auto']
                min_samples_split = [0.01]
                min_samples_leaf = [0.01]
                [NeuralNetwork]
                n_features = [[20,10]]
                dropouts = [0.2]
                activation = ["relu"]
                optimizer = ["adam"]
                learning_rate = [0.01]
                loss = ["mse"]
                batch_size = [10]
                epochs = [5]
                [NNLS]
                fit_intercept = [True]
                [RandomForest]
                n_estimators = [5]
                criterion = ['squared_error']
                max_depth = [3]
                max_features = ['auto']
                min_samples_split = [0.1]
                min_samples_leaf = [1]
                [Stepwise]
                p_to_add = [0.05]
                p_to_remove = [0.1]
                fit_intercept = [True]
                max_iter = [100]
                [SVR]
                C = [0.001]
                epsilon = [0.05]
                gamma = [1e-7]
                kernel = ['linear']
                degree = [2]
                [XGBoost]
                min_child_weight = [1]
                gamma = [0]
                n_estimators = [50]
                learning_rate = [0.01]
                max_depth =  [1]
                alpha = [0]
                lambda = [1]
                """.formatted(anchors.resolve("inputs/simplest.csv")));
        Campaign.Result result = new Campaign(AmlConfig.read(config), 2).run((a, b) -> { });
        assertThat(result.techniques()).hasSize(8);
        Path out = dir.resolve("out");
        CampaignOutput.write(result, out, 1.0);
        Frame raw = Frame.readCsv(anchors.resolve("inputs/simplest.csv"));
        for (Campaign.TechniqueResult t : result.techniques().values()) {
            assertThat(t.scores().trainMape()).as(t.technique()).isFinite().isGreaterThanOrEqualTo(0);
            double[] reloaded = TrainedModel.read(out.resolve(t.technique() + ".json")).predict(raw, "simplest");
            assertThat(reloaded).as(t.technique()).containsExactly(t.model().predict(raw, "simplest"), within(1e-9));
        }
        assertThat(result.techniques().get("DecisionTree").scores().trainMape()).isLessThan(0.1);
        assertThat(result.techniques().get("NNLS").scores().trainMape()).isLessThan(0.05);
        LinearFitted nnls = LinearFitted.load((com.fasterxml.jackson.databind.node.ObjectNode) result.techniques()
                .get("NNLS").model().toJson().get("model"));
        assertThat(java.util.Arrays.stream(nnls.coef()).min().orElse(0)).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void hyperoptStaysInsideThePriorAndNormalisationIsUndoneForMetrics() throws IOException {
        Path anchors = AmlAnchors.require();
        Path config = AmlAnchors.campaign(dir, "faas_hyperopt.ini", """
                [General]
                techniques = ['LRRidge']
                hp_selection = KFold
                validation = HoldOut
                folds = 5
                hold_out_ratio = 0.2
                y = "ave_response_time"
                hyperparameter_tuning = Hyperopt
                hyperopt_max_evals = 25
                [DataPreparation]
                input_path = "%s"
                inverse = ['Lambda']
                normalization = True
                [LRRidge]
                alpha = ['loguniform(0.001,1)']
                """.formatted(anchors.resolve("inputs/faas_test.csv")));
        Campaign.Result result = new Campaign(AmlConfig.read(config), 2).run((a, b) -> { });
        Campaign.TechniqueResult t = result.techniques().get("LRRidge");
        assertThat(((Number) t.hyperparameters().get("alpha")).doubleValue()).isBetween(0.001, 1.0);
        assertThat(t.scores().validationMape()).isLessThan(0.2);
        String json = Files.readString(writeAndRead(result).resolve("best.json"));
        assertThat(json).contains("\"normalization\"");
    }

    private Path writeAndRead(Campaign.Result result) {
        Path out = dir.resolve("out-hyperopt");
        CampaignOutput.write(result, out, 1.0);
        return out;
    }

    @Test
    void tpeConcentratesNearTheMinimumAfterStartup() {
        AmlConfig config = AmlConfig.read(write("""
                [General]
                techniques = ['LRRidge']
                hp_selection = All
                validation = All
                y = y
                hyperparameter_tuning = Hyperopt
                [DataPreparation]
                input_path = x.csv
                [LRRidge]
                alpha = ['loguniform(0.0001,1)']
                """));
        SearchSpace space = new SearchSpace(Technique.LRRidge, config, true);
        Map<String, Object> best = new Tpe(space, 1).minimise(80,
                h -> Math.abs(Math.log10(((Number) h.get("alpha")).doubleValue()) + 2));
        assertThat(Math.log10(((Number) best.get("alpha")).doubleValue())).isCloseTo(-2, within(0.1));
    }

    private Path write(String text) {
        try {
            Path file = dir.resolve("tpe.ini");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
