package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.security.iot.ContractArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IotCommandTest {
    @Test
    void keygenWritesAKeyAndBadInputIsAClearError(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("owner.key");
        CliTestSupport.Outcome keygen = CliTestSupport.run("iot", "keygen", "--out", key.toString());
        assertThat(keygen.exitCode()).isZero();
        assertThat(keygen.out().trim()).matches("0x[0-9a-f]{40}");
        assertThat(Files.readString(key).trim()).matches("0x[0-9a-f]{64}");

        Path bad = Files.writeString(dir.resolve("bad.key"), "not a key\n");
        CliTestSupport.Outcome badKey = CliTestSupport.run("iot", "deploy", "--key", bad.toString(), "--deployment", dir.resolve("d.json").toString());
        assertThat(badKey.exitCode()).isEqualTo(1);
        assertThat(badKey.err()).contains("bad.key: not a private key; expected 64 hex digits");

        CliTestSupport.Outcome noDeployment = CliTestSupport.run("iot", "status", "--key", key.toString(), "--deployment", dir.resolve("none.json").toString(),
            "--resource", "r", "--subject", "0x0000000000000000000000000000000000000001");
        assertThat(noDeployment.exitCode()).isEqualTo(2);
        assertThat(noDeployment.err()).contains("Maybe run 'aisprint iot deploy");

        CliTestSupport.Outcome down = CliTestSupport.run("iot", "deploy", "--chain", "http://127.0.0.1:1", "--key", key.toString(), "--deployment", dir.resolve("d.json").toString());
        if (ContractArtifact.available()) {
            assertThat(down.exitCode()).isEqualTo(2);
            assertThat(down.err()).contains("the chain at http://127.0.0.1:1 cannot be reached");
        } else {
            // A build without node/solc has no contract bytecode: deploy says so before it dials the chain.
            assertThat(down.exitCode()).isNotZero();
            assertThat(down.err()).contains("this build has no compiled", "Maybe run 'npm ci' in security/contracts");
        }
        assertThat(down.err()).doesNotContain("Exception\n\tat");
    }
}
