package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LearnCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dpEpsilonPrintsTheAccountantsValueAsJson() throws Exception {
        CliTestSupport.Outcome outcome = CliTestSupport.run("learn", "dp-epsilon", "--noise-multiplier", "1.5", "--sample-rate", "0.04",
            "--steps", "2250", "--delta", "1e-5", "--json");
        assertThat(outcome.exitCode()).isZero();
        JsonNode node = JSON.readTree(outcome.out());
        assertThat(node.path("epsilon").asDouble()).isBetween(7.329111171, 7.329111172);
        assertThat(node.path("order").asDouble()).isEqualTo(3.9);
        CliTestSupport.Outcome tf = CliTestSupport.run("learn", "dp-epsilon", "--noise-multiplier", "1.3", "--sample-rate", "0.0025",
            "--steps", "6000", "--orders", "tf-privacy");
        assertThat(tf.out()).contains("epsilon 0.724223 at order 19.0");
    }

    @Test
    void badAccountantInputsAreUsageErrorsAlsoInJson() throws Exception {
        CliTestSupport.Outcome outcome = CliTestSupport.run("learn", "dp-epsilon", "--noise-multiplier", "1", "--sample-rate", "1.5",
            "--steps", "10", "--json");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(JSON.readTree(outcome.out()).path("error").path("code").asText()).isEqualTo("invalid_option");
        assertThat(outcome.err()).contains("sample rate 1.5");
    }

    @Test
    void aWrongDataFolderNamesTheFolderAndThePackage() throws Exception {
        CliTestSupport.Outcome outcome = CliTestSupport.run("learn", "fl", "--clients", "2", "--rounds", "1", "--data", "/nowhere/fmnist", "--json");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("/nowhere/fmnist").contains("dataset-fashion-mnist");
        assertThat(JSON.readTree(outcome.out()).path("error").path("code").asText()).isEqualTo("data_unreadable");
        CliTestSupport.Outcome partition = CliTestSupport.run("learn", "fl", "--partition", "zipf");
        assertThat(partition.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(partition.err()).contains("expected iid, dirichlet:ALPHA");
    }

    @Test
    void secureAggregationRefusesRobustRulesAndIsInTheHelp() throws Exception {
        CliTestSupport.Outcome refused = CliTestSupport.run("learn", "fl", "--clients", "3", "--secure-aggregation", "--aggregation", "krum:1",
            "--json");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(JSON.readTree(refused.out()).path("error").path("code").asText()).isEqualTo("invalid_option");
        assertThat(refused.err()).contains("--aggregation krum:1 cannot be combined with --secure-aggregation", "only the masked sum");
        CliTestSupport.Outcome threshold = CliTestSupport.run("learn", "fl-server", "--clients", "3", "--secure-aggregation",
            "--secagg-threshold", "5");
        assertThat(threshold.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(threshold.err()).contains("--secagg-threshold 5");
        CliTestSupport.Outcome help = CliTestSupport.run("learn", "fl", "--help");
        assertThat(help.out()).contains("--secure-aggregation", "--secagg-threshold", "--secagg-range", "Shamir");
    }
}
