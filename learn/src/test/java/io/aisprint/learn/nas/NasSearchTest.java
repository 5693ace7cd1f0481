package io.aisprint.learn.nas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.Requirements;
import io.aisprint.learn.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real, small searches: DJL training on Fashion-MNIST subsets, real batch-1 timing on this machine. */
class NasSearchTest {
    private static final List<NasSettings.Target> TARGET = List.of(new NasSettings.Target("VM-t3xlarge", 1));

    private static NasSettings small(double limit, Duration budget) {
        return new NasSettings(TARGET, limit, Double.POSITIVE_INFINITY, budget, NasSettings.Strategy.POPNAS, 2, 2, 8, 1, 1000, 500, 2, 1,
            64, 0.6, 2, 7);
    }

    @Test
    void parameterAndCostCountsMatchTheNetworkDjlBuilds() {
        Requirements.assumePyTorch();
        Random random = new Random(11);
        for (int i = 0; i < 8; i++) {
            Architecture architecture = new Architecture(Cell.random(1 + random.nextInt(4), random), 8 + 4 * random.nextInt(3), 1 + random.nextInt(2));
            try (Network network = Network.create(architecture, 1)) {
                assertThat(network.parameterCount()).as(architecture.toString()).isEqualTo(architecture.parameters());
                assertThat(network.latencySeconds(2, 3)).isPositive();
            }
            assertThat(architecture.memoryMb()).isGreaterThan(architecture.parameters() * 4.0 / (1 << 20));
        }
    }

    @Test
    @Timeout(600)
    void aSearchReturnsAFrontWhoseMembersMeetTheLimitAndAreSavedForUse(@TempDir Path out) throws Exception {
        Requirements.assumePyTorch();
        FashionMnist.Splits data = Requirements.fashionMnist();
        List<String> progress = new ArrayList<>();
        NasResult result = new NasSearch(small(0.01, Duration.ofSeconds(90)), System::nanoTime, progress::add).run(data, out);
        FrontFiles.write(result, out);

        assertThat(result.front()).isNotEmpty();
        assertThat(result.statistics().trained()).isGreaterThanOrEqualTo(result.front().size());
        assertThat(progress).anyMatch(line -> line.startsWith("b=1 trained")).anyMatch(line -> line.startsWith("final 1/"));
        for (NasResult.Member member : result.front()) {
            assertThat(member.worstMeasured()).isLessThanOrEqualTo(0.01);
            assertThat(member.accuracy()).isGreaterThan(0.5); // ten classes: far above chance after one epoch
            // The saved model is the trained one: loaded back, it scores the same on the test set.
            Architecture architecture = ModelFiles.readArchitecture(member.model());
            try (Network loaded = Network.load(architecture, member.model())) {
                assertThat(loaded.accuracy(data.test())).isEqualTo(member.accuracy());
            }
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("front.json").toFile());
        for (String key : List.of("accuracy", "predicted_latency_s", "measured_latency_s", "memory_mb", "parameters", "model")) {
            assertThat(json.path("front").get(0).has(key)).as(key).isTrue();
        }
        assertThat(json.path("candidates").size()).isEqualTo(result.statistics().profiled());
        assertThat(Files.readString(out.resolve("front.svg"))).startsWith("<svg").contains("limit 10.00 ms");
        assertThat(Files.readString(out.resolve("front.html"))).contains("<table>");
    }

    @Test
    void limitsNoArchitectureCanMeetAreRefusedWithTheFastestFound() {
        Requirements.assumePyTorch();
        FashionMnist.Splits data = Requirements.fashionMnist();
        assertThatThrownBy(() -> new NasSearch(small(1e-7, Duration.ofMinutes(5)), System::nanoTime, line -> { }).run(data, null))
            .isInstanceOfSatisfying(LearnException.class, e -> assertThat(e.code()).isEqualTo(LearnErrorCode.INFEASIBLE))
            .hasMessageContaining("No architecture meets the limits").hasMessageContaining("the fastest found");
    }

    @Test
    void aBudgetTooSmallForOneTrainingSaysSo() {
        Requirements.assumePyTorch();
        FashionMnist.Splits data = Requirements.fashionMnist();
        assertThatThrownBy(() -> new NasSearch(small(1, Duration.ofMillis(500)), System::nanoTime, line -> { }).run(data, null))
            .isInstanceOfSatisfying(LearnException.class, e -> assertThat(e.code()).isEqualTo(LearnErrorCode.INVALID_OPTION))
            .hasMessageContaining("too small for one training");
    }
}
