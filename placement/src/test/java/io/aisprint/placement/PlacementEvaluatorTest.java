package io.aisprint.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aisprint.model.Placement;
import io.aisprint.model.Placement.ComponentPlacement;
import io.aisprint.model.Placement.PartitionPlacement;
import io.aisprint.model.SystemDescription;
import io.aisprint.perf.FaasModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed checks of the formulas of placement reference §2 on the inspection fixture. */
class PlacementEvaluatorTest {
    private final SystemDescription system = Fixtures.inspection();

    private static Placement placement(String detectDeployment, List<PartitionPlacement> detect, String report,
            Map<String, Integer> instances) {
        return new Placement(2.0, List.of(
                new ComponentPlacement("capture", "s1", List.of(new PartitionPlacement("h1", "Camera", Double.NaN)),
                        Double.NaN, Double.NaN),
                new ComponentPlacement("detect", detectDeployment, detect, Double.NaN, Double.NaN),
                new ComponentPlacement("report", "s1", List.of(new PartitionPlacement("h1", report, Double.NaN)),
                        Double.NaN, Double.NaN)),
                instances, List.of(), Double.NaN, false);
    }

    @Test
    void queueTimesTransfersEarlyExitAndCost() {
        Placement placement = placement("s2", List.of(new PartitionPlacement("h2", "SmallServer", 0),
                new PartitionPlacement("h3", "VMsmall", 0)), "VMsmall", Map.of("Camera", 1, "SmallServer", 1, "VMsmall", 2));
        var evaluation = PlacementEvaluator.evaluate(system, placement);
        Placement result = evaluation.placement();
        assertThat(evaluation.feasible()).as(evaluation.firstViolation()).isTrue();
        // capture: U = 0.05·2 = 0.1 → 0.05/0.9
        assertThat(result.component("capture").orElseThrow().responseTime()).isCloseTo(0.05 / 0.9, within(1e-12));
        // detect h2 on SmallServer: U = 0.2·2 = 0.4 → 0.2/0.6; h3 sees λ·0.5 = 1; VMsmall ×2 also serves
        // report at λ 1.2 (0.6 of 2): U = (0.2·1 + 0.1·1.2)/2 = 0.16
        double h2 = 0.2 / 0.6;
        double vmUtilization = (0.2 * 1.0 + 0.1 * 1.2) / 2;
        double h3 = 0.2 / (1 - vmUtilization);
        // 2 MB from the edge layer to the cloud over "internet" only: 0.02 + 2/50
        double transfer = 0.02 + 2.0 / 50;
        double detect = h2 + 0.5 * (h3 + transfer);
        assertThat(result.component("detect").orElseThrow().responseTime()).isCloseTo(detect, within(1e-12));
        double report = 0.1 / (1 - vmUtilization);
        // path: capture → detect (Camera → SmallServer over wifi, 4 MB) → report; detect's h2 exits
        // early half of the time on SmallServer and ships its output to VMsmall (1 MB over internet).
        double hop1 = 0.002 + 4.0 / 100;
        double hop2 = 0.5 * (0.02 + 1.0 / 50);
        assertThat(result.paths().get(0).responseTime())
                .isCloseTo(0.05 / 0.9 + hop1 + detect + hop2 + report, within(1e-12));
        assertThat(result.totalCost()).isCloseTo(2.0 + 3.0 + 2 * 0.5, within(1e-12));
        assertThat(result.instances()).containsEntry("VMsmall", 2).doesNotContainKey("BigServer");
    }

    @Test
    void faasTimeComesFromTheColdWarmModelAndIsChargedPerWarmSecond() {
        Placement placement = placement("s1", List.of(new PartitionPlacement("h1", "VMgpu", 0)), "F2048",
                Map.of("Camera", 1, "VMgpu", 1));
        Placement result = PlacementEvaluator.evaluate(system, placement).placement();
        double load = 2.0 * 0.6;
        assertThat(result.component("report").orElseThrow().responseTime())
                .isCloseTo(FaasModel.responseTime(load, 0.25, 1.5, 600), within(1e-12));
        assertThat(result.totalCost()).isCloseTo(2.0 + 1.5 + 0.04 * 0.25 * load, within(1e-12));
    }

    @Test
    void pythonSemanticsConvertsMegabytesToMegabits() {
        Placement placement = placement("s1", List.of(new PartitionPlacement("h1", "VMgpu", 0)), "VMsmall",
                Map.of("Camera", 1, "VMgpu", 1, "VMsmall", 1));
        double cpp = PlacementEvaluator.evaluate(system, placement, 2.0, Semantics.cpp()).placement().paths().get(0)
                .responseTime();
        double python = PlacementEvaluator.evaluate(system, placement, 2.0, Semantics.python()).placement().paths()
                .get(0).responseTime();
        // Hops Camera → VMgpu (4 MB) and VMgpu → VMsmall (1 MB) over internet (50 Mb/s): 7 × 5/50 more with bits.
        assertThat(python - cpp).isCloseTo(7 * 5.0 / 50, within(1e-9));
    }

    @Test
    void reportsEveryKindOfBrokenRule() {
        var twoTypes = PlacementEvaluator.evaluate(system, placement("s2", List.of(
                new PartitionPlacement("h2", "SmallServer", 0), new PartitionPlacement("h3", "BigServer", 0)), "VMsmall",
                Map.of("Camera", 1, "SmallServer", 1, "BigServer", 1, "VMsmall", 1)));
        assertThat(twoTypes.feasible()).isFalse();
        assertThat(twoTypes.firstViolation()).contains("layer edge", "more than one resource type");

        var moveBack = PlacementEvaluator.evaluate(system, placement("s2", List.of(
                new PartitionPlacement("h2", "SmallServer", 0), new PartitionPlacement("h3", "VMgpu", 0)), "F1024",
                Map.of("Camera", 1, "SmallServer", 1, "VMgpu", 1)));
        assertThat(moveBack.feasible()).as(moveBack.firstViolation()).isTrue();

        var tooMany = PlacementEvaluator.evaluate(system, placement("s1", List.of(new PartitionPlacement("h1", "VMgpu", 0)),
                "F1024", Map.of("Camera", 1, "VMgpu", 3)));
        assertThat(tooMany.firstViolation()).contains("VMgpu uses 3 instances; expected 1 to 2");

        var saturated = PlacementEvaluator.evaluate(system, placement("s1", List.of(new PartitionPlacement("h1", "VMgpu", 0)),
                "F1024", Map.of("Camera", 1, "VMgpu", 1)), 25.0, Semantics.cpp());
        assertThat(saturated.firstViolation()).contains("Camera is saturated");

        var local = PlacementEvaluator.evaluate(system, placement("s1", List.of(new PartitionPlacement("h1", "BigServer", 0)),
                "VMsmall", Map.of("Camera", 1, "BigServer", 1, "VMsmall", 1)));
        // BigServer: U = 0.3·2 = 0.6 → 0.3/0.4 = 0.75 s > 0.6 s
        assertThat(local.firstViolation()).contains("component detect takes 0.75 s, above its local limit 0.6 s");
    }

    @Test
    void noMoveBackFromCloudToEdge() {
        String json = Fixtures.inspectionJson().replace("\"h3\": [{\"resource\": \"SmallServer\"",
                "\"h3\": [{\"resource\": \"Camera\", \"memory\": 64}, {\"resource\": \"SmallServer\"")
                .replace("\"h3\": {\"SmallServer\"", "\"h3\": {\"Camera\": {\"model\": \"QTedge\", \"demand\": 0.01}, \"SmallServer\"")
                .replace("\"h2\": [{\"resource\": \"SmallServer\"", "\"h2\": [{\"resource\": \"VMsmall\", \"memory\": 64}, {\"resource\": \"SmallServer\"")
                .replace("\"h2\": {\"SmallServer\"", "\"h2\": {\"VMsmall\": {\"model\": \"QTcloud\", \"demand\": 0.01}, \"SmallServer\"");
        SystemDescription modified = Fixtures.fromJson(json);
        var evaluation = PlacementEvaluator.evaluate(modified, placement("s2", List.of(
                new PartitionPlacement("h2", "VMsmall", 0), new PartitionPlacement("h3", "Camera", 0)), "VMsmall",
                Map.of("Camera", 1, "VMsmall", 1)));
        assertThat(evaluation.feasible()).isFalse();
        assertThat(evaluation.firstViolation()).contains("component detect runs on an edge device after");
    }

    @Test
    void unknownNamesAreReportedClearly() {
        Placement placement = placement("s9", List.of(new PartitionPlacement("h1", "VMgpu", 0)), "VMsmall", Map.of());
        assertThatThrownBy(() -> PlacementEvaluator.evaluate(system, placement))
                .isInstanceOf(PlacementException.class).hasMessageContaining("component detect has no deployment 's9'");
    }
}
