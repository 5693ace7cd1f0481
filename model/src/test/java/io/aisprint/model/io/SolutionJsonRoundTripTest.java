package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.testsupport.Anchors;
import io.aisprint.model.ModelException;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolutionJsonRoundTripTest {
    @Test
    void everyAnchorSolutionSurvivesWriteAndRead(@TempDir Path dir) throws Exception {
        Path root = Anchors.require().resolve("space4ai-d/cpp_dt_general_workflows");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path solution : files.filter(p -> p.getFileName().toString().equals("best_sol_1.8.json")).toList()) {
                SystemDescription system = SystemReaders.read(solution.resolveSibling("system_description.json"));
                Placement read = SolutionJsonReader.read(solution, system);
                assertThat(read.components()).hasSize(system.application().components().size());
                assertThat(read.lambda()).isEqualTo(1.8);
                assertThat(read.totalCost()).isPositive();
                Path written = dir.resolve("solution.json");
                SolutionJsonWriter.write(system, read, written);
                Placement again = SolutionJsonReader.read(written, system);
                assertThat(again.components()).isEqualTo(read.components());
                assertThat(again.instances()).isEqualTo(read.instances());
                assertThat(again.totalCost()).isEqualTo(read.totalCost());
                assertThat(again.paths()).isEqualTo(read.paths());
            }
        }
    }

    @Test
    void infeasibleSolutionsAndBadNamesAreHandled() throws Exception {
        Path system = Anchors.require().resolve("space4ai-d/cpp_dt_general_workflows/Light/05c/ins01/system_description.json");
        SystemDescription description = SystemReaders.read(system);
        Placement infeasible = SolutionJsonReader.read("{\"Lambda\": 2.5, \"feasible\": false}", "x.json", description);
        assertThat(infeasible.feasible()).isFalse();
        assertThat(infeasible.lambda()).isEqualTo(2.5);
        assertThat(SolutionJsonWriter.toString(description, infeasible)).contains("\"feasible\" : false");

        assertThatThrownBy(() -> SolutionJsonReader.read("{\"components\": {\"c9\": {}}}", "bad.json", description))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("bad.json /components/c1: missing")
                .hasMessageContaining("/components/c9: the system has no component 'c9'");
    }
}
