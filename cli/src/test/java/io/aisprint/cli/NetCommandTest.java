package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.security.net.dataplane.DataPlaneSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetCommandTest {
    private static final String POLICY = "../examples/security/net-policy.yaml";
    private static final String SCENARIO = "../examples/security/net-scenario.yaml";

    @Test
    void compilePrintsP4RuntimeEntriesAndNftRuleSets() throws Exception {
        CliTestSupport.Outcome p4 = CliTestSupport.run("net", "compile", POLICY);
        assertThat(p4.exitCode()).isZero();
        JsonNode entries = new ObjectMapper().readTree(p4.out()).get("table_entries");
        assertThat(entries).anyMatch(e -> e.path("table").asText().equals("PreQosPipe.terminations") && e.path("action_name").asText().equals("fwd"));
        CliTestSupport.Outcome nft = CliTestSupport.run("net", "compile", POLICY, "--format", "nft");
        assertThat(nft.out()).contains("map terminations", "log group 7");
    }

    @Test
    void aMalformedPolicyIsExitOneWithFileAndLine(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("p.yaml"), "services:\n  - {name: a, address: 10.0.0.1, port: 80, colour: red}\ndevices: []\n");
        CliTestSupport.Outcome outcome = CliTestSupport.run("net", "compile", policy.toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains(policy + ":2: unknown key 'colour' in services[0]");
        CliTestSupport.Outcome json = CliTestSupport.run("net", "check", policy.toString(), "--scenario", SCENARIO, "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(json.out()).path("error").path("code").asText()).isEqualTo("INVALID_POLICY");
    }

    @Test
    void checkReportsObservedAgainstExpected(@TempDir Path dir) throws Exception {
        assumeTrue(DataPlaneSupport.missing().isEmpty(), () -> "skipped: " + DataPlaneSupport.missing().orElseThrow());
        CliTestSupport.Outcome outcome = CliTestSupport.run("net", "check", POLICY, "--scenario", SCENARIO, "--json");
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        JsonNode attempts = new ObjectMapper().readTree(outcome.out()).get("attempts");
        assertThat(attempts).hasSize(4).allMatch(a -> a.get("expect").equals(a.get("observed")));
        Path wrong = Files.writeString(dir.resolve("wrong.yaml"), "attempts:\n  - {device: \"222013000000002\", service: video-analytics, expect: allow}\n");
        CliTestSupport.Outcome mismatch = CliTestSupport.run("net", "check", POLICY, "--scenario", wrong.toString());
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.out()).contains("MISMATCH", "1 of 1 attempts differ");
    }
}
