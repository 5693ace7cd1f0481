package io.aisprint.perf.aml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * expected.md's deterministic (All/All) numbers: Ernest, simplest_example_1, the LRRidge part of
 * multiple.ini and Stepwise on the Draper–Smith (Hald) data, to 1e-6.
 */
class DeterministicAnchorsTest {
    @TempDir
    Path dir;

    private static Campaign.TechniqueResult only(Path config) {
        Campaign.Result r = new Campaign(AmlConfig.read(config), 1).run((a, b) -> { });
        return r.techniques().get(r.best());
    }

    @Test
    void ernestFeaturesWithRidge() throws IOException {
        Path anchors = AmlAnchors.require();
        Path config = AmlAnchors.campaign(dir, "ernest.ini", """
                [General]
                run_num = 1
                techniques = ['LRRidge']
                validation = All
                hp_selection = All
                y = "y"

                [DataPreparation]
                input_path = "%s"
                ernest = True
                rename_columns = {"x1": "cores", "x2": "datasize"}

                [LRRidge]
                alpha = [0.1]
                """.formatted(anchors.resolve("inputs/simplest.csv")));
        Campaign.TechniqueResult t = only(config);
        assertThat(t.scores().validationMape()).isCloseTo(0.059489, within(1e-6));
        assertThat(t.scores().validationRmse()).isCloseTo(0.354035, within(1e-6));
        assertThat(t.scores().validationR2()).isCloseTo(0.957410, within(1e-6));
        LinearFitted model = (LinearFitted) fitted(t);
        assertThat(model.intercept()).isCloseTo(-2.1183, within(1e-4));
        assertThat(model.coef()).containsExactly(new double[] {1.5452, 4.2742, 3.1155, -1.9506}, within(1e-4));
    }

    @Test
    void simplestExampleOne() {
        Path anchors = AmlAnchors.require();
        Campaign.TechniqueResult t = only(anchors.resolve("configs/simplest_example_1.ini"));
        assertThat(t.scores().trainMape()).isCloseTo(0.012272, within(1e-6));
        assertThat(t.scores().hpMape()).isCloseTo(0.012272, within(1e-6));
        assertThat(t.scores().validationMape()).isCloseTo(0.012272, within(1e-6));
        assertThat(t.scores().validationRmse()).isCloseTo(0.069329, within(1e-6));
        assertThat(t.scores().validationR2()).isCloseTo(0.995494, within(1e-6));
        assertThat(t.model().features()).contains("log_x1", "x1__x1__x3__x1", "x2__x3", "x4_class_0", "x4_class_a",
                "x4_class_b");
    }

    @Test
    void ridgePartOfMultiple() throws IOException {
        Path anchors = AmlAnchors.require();
        Path config = AmlAnchors.campaign(dir, "multiple.ini", """
                [General]
                techniques = ['LRRidge']
                hp_selection = All
                validation = All
                y = "y"
                [DataPreparation]
                input_path = "%s"
                [LRRidge]
                alpha = [0.1]
                """.formatted(anchors.resolve("inputs/simplest.csv")));
        Campaign.TechniqueResult t = only(config);
        assertThat(t.scores().validationMape()).isCloseTo(0.010785, within(1e-6));
        assertThat(t.scores().validationRmse()).isCloseTo(0.067391, within(1e-6));
        assertThat(t.scores().validationR2()).isCloseTo(0.998457, within(1e-6));
    }

    @Test
    void stepwiseOnHaldSelectsX4ThenX1() {
        Path anchors = AmlAnchors.require();
        Campaign.TechniqueResult t = only(anchors.resolve("configs/stepwise.ini"));
        assertThat(t.scores().validationMape()).isCloseTo(0.022247, within(1e-6));
        assertThat(t.scores().validationR2()).isCloseTo(0.972471, within(1e-6));
        LinearFitted model = (LinearFitted) fitted(t);
        assertThat(model.used()).containsExactly(3, 0);
        assertThat(model.intercept()).isCloseTo(103.0974, within(1e-4));
        assertThat(model.coef()[0]).isCloseTo(-0.6140, within(1e-4));
        assertThat(model.coef()[1]).isCloseTo(1.4400, within(1e-4));
    }

    private static Learner.Fitted fitted(Campaign.TechniqueResult t) {
        return LinearFitted.load((com.fasterxml.jackson.databind.node.ObjectNode) t.model().toJson().get("model"));
    }
}
