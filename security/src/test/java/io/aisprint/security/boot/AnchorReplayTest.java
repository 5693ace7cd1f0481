package io.aisprint.security.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.security.Anchors;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every binary event log in the anchors replays to the PCR values expected.json gives. */
class AnchorReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAnchorLogReplaysToTheExpectedPcrs() throws IOException {
        Path anchors = Anchors.eventLogs();
        JsonNode files = JSON.readTree(anchors.resolve("expected.json").toFile()).get("files");
        List<String> checked = new ArrayList<>();
        for (var it = files.fields(); it.hasNext(); ) {
            var entry = it.next();
            JsonNode expected = entry.getValue();
            if (!expected.has("expected_pcrs") || entry.getKey().endsWith(".json")) {
                continue;
            }
            EventLog log = EventLogFiles.read(anchors.resolve(entry.getKey()));
            assertThat(log.format().label()).as(entry.getKey())
                .isEqualTo(expected.get("format").asText().equals("sha1") ? "sha1-legacy" : expected.get("format").asText());
            assertThat(log.events()).as(entry.getKey()).hasSize(expected.get("events_including_specid").asInt());
            Map<String, Map<String, String>> want = new LinkedHashMap<>();
            expected.get("expected_pcrs").fields().forEachRemaining(bank -> {
                Map<String, String> values = new LinkedHashMap<>();
                bank.getValue().fields().forEachRemaining(pcr -> values.put(pcr.getKey(), pcr.getValue().asText()));
                want.put(bank.getKey(), values);
            });
            assertThat(PcrReplay.replay(log).toHex()).as(entry.getKey()).isEqualTo(want);
            checked.add(entry.getKey());
        }
        assertThat(checked).hasSize(22);
    }

    @Test
    void theBogusKeylimeLogIsRejectedWithAnOffset() {
        Path bogus = Anchors.eventLogs().resolve("keylime/binary_bios_measurements-bogus");
        assertThatThrownBy(() -> EventLogFiles.read(bogus))
            .isInstanceOf(TrustException.class)
            .satisfies(e -> assertThat(((TrustException) e).code()).isEqualTo(TrustErrorCode.EVENT_LOG_MALFORMED))
            .hasMessageContaining("binary_bios_measurements-bogus: offset ");
    }
}
