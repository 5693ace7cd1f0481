package io.aisprint.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DesignerTest {
    private final SystemDescription system = Fixtures.inspection();

    private static DesignOptions budget(SearchMethod method, long iterations) {
        return DesignOptions.defaults().withMethod(method).withIterations(iterations).withTimeLimit(null)
                .withThreads(1).withSeed(7);
    }

    @Test
    void exactSearchProvesTheOptimum() {
        DesignResult result = Designer.create().design(system, budget(SearchMethod.EXACT, 2_000));
        assertThat(result.provedOptimal()).isTrue();
        Placement best = result.best().orElseThrow();
        // Camera is mandatory (2.0); detect fits its 0.6 s limit cheapest on one VMgpu (1.5) and report
        // then costs least on FaaS F1024: 0.02 · 0.4 s · 1.2 req/s.
        assertThat(best.totalCost()).isCloseTo(2.0 + 1.5 + 0.02 * 0.4 * 1.2, within(1e-9));
        assertThat(result.lowerBound()).isCloseTo(best.totalCost(), within(1e-9));
        assertThat(PlacementEvaluator.evaluate(system, best).feasible()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = SearchMethod.class, names = {"RG", "LS", "TABU", "SA"})
    void everyHeuristicReturnsAFeasiblePlacementThatReEvaluatesToItsCost(SearchMethod method) {
        DesignResult result = Designer.create().design(system, budget(method, 3_000));
        Placement best = result.best().orElseThrow();
        var check = PlacementEvaluator.evaluate(system, best);
        assertThat(check.feasible()).isTrue();
        assertThat(check.placement().totalCost()).isCloseTo(best.totalCost(), within(1e-12));
        assertThat(best.totalCost()).isCloseTo(3.5096, within(1e-9));
        assertThat(result.provedOptimal()).isFalse();
        assertThat(result.elite()).isSortedAccordingTo((a, b) -> Double.compare(a.totalCost(), b.totalCost()));
    }

    @Test
    void sameSeedAndIterationBudgetReproduceTheRun() {
        DesignOptions options = budget(SearchMethod.LS, 500).withThreads(2);
        List<Double> first = costs(Designer.create().design(system, options));
        List<Double> second = costs(Designer.create().design(system, options));
        assertThat(first).isEqualTo(second).isNotEmpty();
    }

    @Test
    void progressReportsImprovingCosts() {
        List<Double> seen = new ArrayList<>();
        Designer.create().design(system, budget(SearchMethod.RG, 300).withProgress(seen::add));
        assertThat(seen).isNotEmpty().isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void higherLoadCostsMoreAndTooMuchLoadIsExplained() {
        double atTwo = Designer.create().design(system, budget(SearchMethod.EXACT, 1_000)).best().orElseThrow().totalCost();
        double atTwelve = Designer.create().design(system.withLambda(12), budget(SearchMethod.EXACT, 1_000))
                .best().orElseThrow().totalCost();
        assertThat(atTwelve).isGreaterThan(atTwo);

        DesignResult overloaded = Designer.create().design(system.withLambda(30), budget(SearchMethod.EXACT, 1_000));
        assertThat(overloaded.best()).isEmpty();
        assertThat(overloaded.provedOptimal()).isTrue();
        // The camera saturates at 20 req/s: its only partition fits nowhere.
        assertThat(overloaded.explanation()).anyMatch(reason -> reason.contains("partition capture/h1 fits on no resource")
                && reason.contains("Camera saturates"));
    }

    @Test
    void impossibleLocalLimitNamesTheFastestOption() {
        String json = Fixtures.inspectionJson().replace("\"local_res_time\": 0.6", "\"local_res_time\": 0.05");
        DesignResult result = Designer.create().design(Fixtures.fromJson(json), budget(SearchMethod.AUTO, 500));
        assertThat(result.best()).isEmpty();
        assertThat(result.explanation()).anyMatch(reason -> reason.startsWith("component detect local limit 0.05 s: fastest option is")
                && reason.contains("VMgpu"));
    }

    @Test
    void layersWithoutNetworkAreNamed() {
        // Only deployment s2 of detect (edge → cloud) remains and the internet domain no longer reaches the cloud.
        String json = Fixtures.inspectionJson()
                .replace("\"h1\": [{\"resource\": \"BigServer\", \"memory\": 4096}, {\"resource\": \"VMgpu\", \"memory\": 4096}]",
                        "\"h1\": [{\"resource\": \"BigServer\", \"memory\": 99999}]")
                .replace("\"h3\": [{\"resource\": \"SmallServer\", \"memory\": 2048}, {\"resource\": \"BigServer\", \"memory\": 2048}, ",
                        "\"h3\": [")
                .replace("[\"cameras\", \"edge\", \"cloud\", \"functions\"]", "[\"cameras\", \"edge\"]")
                .replace("\"wifi\": {", "\"cloudnet\": {\"computationallayers\": [\"cloud\", \"functions\"], \"AccessDelay\": 0.01, \"Bandwidth\": 100}, \"wifi\": {");
        DesignResult result = Designer.create().design(Fixtures.fromJson(json), budget(SearchMethod.AUTO, 300));
        assertThat(result.best()).isEmpty();
        assertThat(result.explanation()).anyMatch(reason -> reason.contains("partitions detect/h2 and h3 have no pair of resources"))
                .anyMatch(reason -> reason.contains("partition detect/h1 fits on no resource: BigServer holds 8192 MB but it needs 99999 MB"));
    }

    @Test
    void maximumLoadBisectsToTheSaturationOfTheBottleneck() {
        Placement best = Designer.create().design(system, budget(SearchMethod.EXACT, 1_000)).best().orElseThrow();
        MaximumLoad.Result load = MaximumLoad.of(system, best, Semantics.cpp(), 1e-6);
        assertThat(load.lambda()).isGreaterThan(2.0).isLessThan(20.0);
        assertThat(load.upper() - load.lower()).isLessThanOrEqualTo(1e-6);
        assertThat(load.atLimit().feasible()).isTrue();
        assertThat(PlacementEvaluator.evaluate(system, load.atLimit(), load.upper() + 1e-3, Semantics.cpp()).feasible())
                .isFalse();
    }

    @Test
    void timeLimitIsMeasuredOnTheInjectedClock() {
        long[] now = {0};
        DesignOptions options = new DesignOptions(SearchMethod.RG, Duration.ofSeconds(1), 0, 3, 1, 5, Semantics.cpp(), null,
                () -> now[0] += 1_000_000); // every reading advances 1 ms
        DesignResult result = Designer.create().design(system, options);
        assertThat(result.statistics().constructions()).isBetween(100L, 1_000L);
    }

    private static List<Double> costs(DesignResult result) {
        return result.elite().stream().map(Placement::totalCost).toList();
    }
}
