package io.aisprint.security.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.security.Anchors;
import io.aisprint.security.tpm.PcrFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our replay side by side with tpm2-tools' own (tpm2_eventlog, the reference C parser) on every
 * anchor log. They agree on every PCR, except PCR0 of logs with a StartupLocality event:
 * tpm2_eventlog 5.4 starts PCR0 at zero there, the TCG spec (and go-attestation, Keylime, we)
 * at 00..0L.
 */
class Tpm2EventlogCrossCheckTest {

    @Test
    void tpm2EventlogAgreesWithOurReplay() throws Exception {
        Path anchors = Anchors.eventLogs();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tpm2_eventlog")), "tpm2_eventlog (tpm2-tools) is not installed: cross-check skipped");
        JsonNode files = new ObjectMapper().readTree(anchors.resolve("expected.json").toFile()).get("files");
        List<String> compared = new ArrayList<>();
        for (var it = files.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().has("expected_pcrs") || entry.getKey().endsWith(".json") || entry.getKey().endsWith(".b64")) {
                continue;
            }
            Path file = anchors.resolve(entry.getKey());
            String output = tpm2Eventlog(file);
            int at = output.indexOf("\npcrs:\n");
            if (at < 0) {
                continue; // nothing extended: tpm2_eventlog prints no pcrs section
            }
            PcrValues theirs = PcrFiles.parse(output.substring(at + "\npcrs:\n".length()).getBytes(StandardCharsets.UTF_8), "tpm2_eventlog " + file);
            EventLog log = EventLogFiles.read(file);
            PcrValues ours = PcrReplay.replay(log);
            Map<String, Map<String, String>> expected = ours.toHex();
            if (log.startupLocality().isPresent()) {
                expected.values().forEach(bank -> bank.remove("0"));
                theirs.banks().forEach((bank, values) -> values.remove(0));
            }
            assertThat(theirs.toHex()).as(entry.getKey()).isEqualTo(expected);
            compared.add(entry.getKey());
        }
        assertThat(compared).hasSizeGreaterThanOrEqualTo(18);
    }

    private static String tpm2Eventlog(Path file) throws Exception {
        Process process = new ProcessBuilder("tpm2_eventlog", file.toString()).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
