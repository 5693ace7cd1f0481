package io.aisprint.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Short searches on anchor instances find feasible placements no dearer than the best-known ones
 * (the full 80-instance quality run is the bench, not a test).
 */
class AnchorSearchTest {
    @ParameterizedTest
    @CsvSource({
        "Light/05c/ins01, EXACT, 3000",
        "Strict/05c/ins07, EXACT, 3000",
        "Strict/10c/ins05, AUTO, 2500",
        "Light/15c/ins02, LS, 2500",
        "Strict/15c/ins09, SA, 2500",
        "Light/10c/ins04, TABU, 2500",
    })
    void findsFeasiblePlacementsAtMostTheBestKnownCost(String instance, SearchMethod method, long millis) throws Exception {
        Path anchors = Anchors.require();
        Map<String, Double> known = Anchors.designTimeCosts(anchors);
        SystemDescription system = SystemReaders.read(Anchors.instance(anchors, instance).resolve("system_description.json"))
                .withLambda(1.8);
        DesignOptions options = DesignOptions.defaults().withMethod(method).withThreads(2).withSeed(11)
                .withTimeLimit(Duration.ofMillis(millis));
        DesignResult result = Designer.create().design(system, options);
        Placement best = result.best().orElseThrow();
        var check = PlacementEvaluator.evaluate(system, best);
        assertThat(check.feasible()).as(check.firstViolation()).isTrue();
        assertThat(check.placement().totalCost()).isCloseTo(best.totalCost(), within(1e-9));
        assertThat(best.totalCost()).isLessThanOrEqualTo(known.get(instance) + 1e-6); // the table is rounded to 6 decimals
        if (method == SearchMethod.EXACT) {
            assertThat(result.provedOptimal()).isTrue();
            assertThat(best.totalCost()).isCloseTo(known.get(instance), within(1e-6));
        }
    }
}
