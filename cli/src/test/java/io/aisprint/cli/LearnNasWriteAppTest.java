package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.learn.data.FashionMnist;
import io.aisprint.learn.nn.Engines;
import io.aisprint.testsupport.TestDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A short real search written into an application, which then designs and runs with the searched model's demands. */
class LearnNasWriteAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(600)
    void theSearchedModelIsWrittenIntoTheApplicationWhichThenDesignsAndRuns(@TempDir Path work) throws Exception {
        assumeTrue(FashionMnist.installed().isPresent(), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        assumeTrue(Engines.problem() == null, () -> "PyTorch cannot load here: " + Engines.problem());
        Path app = TestDirectories.copy(Path.of("../examples/mask-detection"), work.resolve("app"));
        CliTestSupport.Outcome search = CliTestSupport.run("learn", "nas", "--app", app.toString(), "--component", "mask-detector",
            "--target", "VM-t3xlarge,JetsonNano", "--speed", "JetsonNano=0.5", "--latency-limit", "0.05", "--budget-minutes", "1.5",
            "--max-blocks", "1", "--proxy-examples", "500", "--finalists", "1", "--final-epochs", "1", "--filters", "8",
            "--out", work.resolve("nas").toString(), "--write-app", "--json");
        assertThat(search.exitCode()).as(search.err()).isZero();
        JsonNode result = JSON.readTree(search.out());
        JsonNode best = result.path("front").get(0);
        assertThat(result.path("written_to_app").asText()).contains("2 demands");
        assertThat(app.resolve("nas/mask-detector/architecture.json")).exists();
        assertThat(app.resolve("nas/mask-detector/model-0000.params")).exists();

        String performance = Files.readString(app.resolve("common_config/performance.yaml"));
        double onJetson = best.path("targets").path("JetsonNano").path("measured_latency_s").asDouble();
        assertThat(onJetson).isEqualTo(2 * best.path("targets").path("VM-t3xlarge").path("measured_latency_s").asDouble(),
            org.assertj.core.api.Assertions.within(1e-12));
        assertThat(performance).containsPattern("JetsonNano: \\{model: QTedge, demand: " + String.format(java.util.Locale.ROOT, "%.4g", onJetson)
            .replace(".", "\\.") + "}  # profiled");

        CliTestSupport.Outcome design = CliTestSupport.run("design", app.toString(), "--json");
        assertThat(design.exitCode()).as(design.err()).isZero();
        CliTestSupport.Outcome run = CliTestSupport.run("run", app.toString(), "--duration", "6", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }
}
