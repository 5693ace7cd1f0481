package io.aisprint.security.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.security.Anchors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keylime's IMA anchors: template hashes check, the zero boot_aggregate is a violation, policies judge files. */
class ImaAnchorTest {

    @Test
    void everyTemplateHashChecksAndViolationsAreRecognised() throws Exception {
        Path anchors = Anchors.eventLogs();
        for (String bank : new String[] {"sha1", "sha256", "sha384"}) {
            ImaLog log = ImaLog.parse(Files.readString(anchors.resolve("keylime/ima-log-" + bank)), "ima-log-" + bank);
            assertThat(log.templateMismatches()).as(bank).isEmpty();
            assertThat(log.entries()).filteredOn(e -> e.path().equals("/data")).singleElement()
                .satisfies(e -> assertThat(e.violation()).isFalse());
            boolean zeroBootAggregate = !bank.equals("sha256");
            assertThat(log.entries().get(0).violation()).as(bank + " boot_aggregate").isEqualTo(zeroBootAggregate);
            assertThat(log.replayPcr10()).hasSize(20);

            RuntimePolicy policy = RuntimePolicy.parse(Files.readAllBytes(anchors.resolve("keylime/runtime-policy-" + bank + ".json")), bank);
            assertThat(policy.evaluate(log)).singleElement().asString().contains("/data is not in the runtime policy");
            ImaLog.Entry data = log.entries().get(1);
            RuntimePolicy allowing = new RuntimePolicy(Map.of("/data", List.of(java.util.HexFormat.of().formatHex(data.fileDigest()))), List.of());
            assertThat(allowing.evaluate(log)).isEmpty();
        }
    }

    @Test
    void aChangedDigestBreaksTheTemplateHash() throws Exception {
        String text = Files.readString(Anchors.eventLogs().resolve("keylime/ima-log-sha256"));
        String changed = text.replace("96d7fae8", "96d7fae9");
        assertThat(ImaLog.parse(changed, "changed").templateMismatches()).singleElement().asString().contains("(/data)");
    }
}
