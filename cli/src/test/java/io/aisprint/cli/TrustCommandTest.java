package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path eventLogs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/anchors/eventlogs");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/anchors/eventlogs is absent: trust CLI anchor tests skipped");
        return null;
    }

    @Test
    void verifyBootPrintsTheReplayedPcrsAsJson() throws Exception {
        Path log = eventLogs().resolve("tpm2-tools/event-sd-boot-fedora37.bin");
        CliTestSupport.Outcome outcome = CliTestSupport.run("trust", "verify-boot", log.toString(), "--json");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode report = JSON.readTree(outcome.out());
        assertThat(report.get("format").asText()).isEqualTo("crypto-agile");
        assertThat(report.get("events").asInt()).isEqualTo(28);
        assertThat(report.at("/pcrs/sha256/12").asText()).isEqualTo("73b2090e3e72430531e7bc7d63e88826891ef4e04d6c1e250dc5c52db24f2f48");
        assertThat(report.get("verdict").asText()).isEqualTo("pass");
    }

    @Test
    void aRefstateFromASecureBootLogPassesItAndFailsTheSecureBootOffLog(@TempDir Path dir) throws Exception {
        Path refstate = dir.resolve("ref.json");
        Path on = eventLogs().resolve("keylime/binary_bios_measurements-secureboot");
        Path off = eventLogs().resolve("keylime/binary_bios_measurements");
        assertThat(CliTestSupport.run("trust", "create-refstate", on.toString(), "-o", refstate.toString()).exitCode()).isZero();
        assertThat(CliTestSupport.run("trust", "create-refstate", off.toString()).exitCode()).isEqualTo(1);
        assertThat(CliTestSupport.run("trust", "verify-boot", on.toString(), "--policy", refstate.toString()).exitCode()).isZero();
        CliTestSupport.Outcome refused = CliTestSupport.run("trust", "verify-boot", off.toString(), "--policy", refstate.toString(), "--json");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(refused.out()).get("reasons").toString()).contains("SecureBoot=0");
    }

    @Test
    void garbageIsUnreadableWithTheOffset() throws Exception {
        CliTestSupport.Outcome outcome = CliTestSupport.run("trust", "verify-boot",
            eventLogs().resolve("keylime/binary_bios_measurements-bogus").toString(), "--json");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(JSON.readTree(outcome.out()).get("error").asText()).contains("offset");
    }

    @Test
    void aMissingFileIsUnreadable(@TempDir Path dir) {
        CliTestSupport.Outcome outcome = CliTestSupport.run("trust", "verify-boot", dir.resolve("none.bin").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("error: cannot read ");
        assertThat(Optional.of(outcome.err())).get().asString().doesNotContain("Exception");
    }

    @Test
    void checkPolicyNamesUnknownKeys(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("p.yaml"), """
            name: demo
            services:
              - name: api
                attestation: {measurement: "%s"}
                comand: java -jar api.jar
            """.formatted("ab".repeat(32)));
        CliTestSupport.Outcome bad = CliTestSupport.run("trust", "check-policy", policy.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown key 'services[0].comand'");
        Files.writeString(policy, Files.readString(policy).replace("comand", "command"));
        CliTestSupport.Outcome good = CliTestSupport.run("trust", "check-policy", policy.toString(), "--json");
        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(JSON.readTree(good.out()).get("hash").asText()).hasSize(64);
    }

    @Test
    void verifyBootChecksASignedQuoteEndToEnd(@TempDir Path dir) throws Exception {
        JsonNode dump = JSON.readTree(eventLogs().resolve("go-attestation/windows_gcp_shielded_vm.json").toFile());
        java.util.Base64.Decoder b64 = java.util.Base64.getDecoder();
        Path log = Files.write(dir.resolve("log.bin"), b64.decode(dump.at("/Log/Raw").asText()));
        Path quote = Files.write(dir.resolve("quote.msg"), b64.decode(dump.at("/Quote/Quote").asText()));
        Path signature = Files.write(dir.resolve("quote.sig"), b64.decode(dump.at("/Quote/Signature").asText()));
        Path ak = Files.write(dir.resolve("ak.pub"), b64.decode(dump.at("/AK/Public").asText()));
        StringBuilder pcrs = new StringBuilder("sha1:\n");
        dump.at("/Log/PCRs").forEach(p -> pcrs.append("  ").append(p.get("Index").asInt()).append(" : 0x")
            .append(java.util.HexFormat.of().formatHex(b64.decode(p.get("Digest").asText()))).append("\n"));
        Path pcrFile = Files.writeString(dir.resolve("pcrs.txt"), pcrs);
        String[] common = {"trust", "verify-boot", log.toString(), "--quote", quote.toString(), "--signature", signature.toString(),
            "--ak", ak.toString(), "--pcrs", pcrFile.toString(), "--json"};
        CliTestSupport.Outcome pass = CliTestSupport.run(common);
        assertThat(pass.exitCode()).as(pass.out() + pass.err()).isZero();
        String[] wrongNonce = java.util.Arrays.copyOf(common, common.length + 2);
        wrongNonce[common.length] = "--nonce";
        wrongNonce[common.length + 1] = "0badc0de";
        CliTestSupport.Outcome fail = CliTestSupport.run(wrongNonce);
        assertThat(fail.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(fail.out()).get("reasons").toString()).contains("nonce");
    }
}
