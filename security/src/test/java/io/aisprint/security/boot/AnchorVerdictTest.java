package io.aisprint.security.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.security.Anchors;
import io.aisprint.security.TrustException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdicts expected.json asks for, on the logs that carry one beyond "parses and replays". */
class AnchorVerdictTest {

    private static EventLog log(String name) {
        return EventLogFiles.read(Anchors.eventLogs().resolve(name));
    }

    private static BootReport verify(EventLog log, ReferenceState state) {
        return BootVerifier.verify(log, Optional.of(state), Optional.empty(), Optional.empty(), new byte[0]);
    }

    @Test
    void keylimeSecureBootLogPassesTheReferenceStateBuiltFromIt() {
        EventLog log = log("keylime/binary_bios_measurements-secureboot");
        ReferenceState state = ReferenceStates.create(log, false);
        assertThat(state.kernels()).hasSize(1);
        assertThat(state.db()).isPresent();
        assertThat(verify(log, state).reasons()).isEmpty();
        // The reference state survives its own JSON form.
        ReferenceState reread = ReferenceStates.parse(ReferenceStates.toJson(state).toString().getBytes(), "refstate.json");
        assertThat(verify(log, reread).verdict()).isEqualTo("pass");
    }

    @Test
    void keylimeLogWithSecureBootOffIsRefusedUnlessAllowed() {
        EventLog log = log("keylime/binary_bios_measurements");
        assertThatThrownBy(() -> ReferenceStates.create(log, false)).isInstanceOf(TrustException.class)
            .hasMessageContaining("Secure Boot is not enabled");
        ReferenceState withoutSecureBoot = ReferenceStates.create(log, true);
        assertThat(verify(log, withoutSecureBoot).verdict()).isEqualTo("pass");
        BootReport strict = verify(log, ReferenceState.secureBootOnly());
        assertThat(strict.verdict()).isEqualTo("fail");
        assertThat(strict.reasons()).anyMatch(r -> r.contains("SecureBoot"));
    }

    @Test
    void anotherMachinesBootFailsTheReferenceStateWithNamedReasons() throws Exception {
        Path anchors = Anchors.eventLogs();
        ReferenceState example = ReferenceStates.parse(Files.readAllBytes(anchors.resolve("keylime/example_mb_refstate.json")), "example_mb_refstate.json");
        assertThat(example.kernels()).hasSize(1);
        BootReport report = verify(log("keylime/binary_bios_measurements-secureboot"), example);
        assertThat(report.verdict()).isEqualTo("fail");
        assertThat(report.reasons()).anyMatch(r -> r.startsWith("firmware not allowed")).anyMatch(r -> r.startsWith("no allowed kernel"));
    }

    @Test
    void ebsEventMissingLogFailsAgainstTheUpstreamAssertedPcr5() {
        EventLog log = log("go-attestation/ebs_event_missing_eventlog");
        PcrValues upstream = new PcrValues();
        upstream.put(HashAlgorithm.SHA1, 5, HexFormat.of().parseHex("31245808d6d35849bc394f6343f2b3ff908ed5e3"));
        BootReport report = BootVerifier.verify(log, Optional.empty(), Optional.of(upstream), Optional.empty(), new byte[0]);
        assertThat(report.verdict()).isEqualTo("fail");
        assertThat(report.reasons()).anyMatch(r -> r.startsWith("sha1 PCR5: the log replays to e5781a2fd49c23a33b16bf0ba5f10efa1aa5d43c"));
        // Replay then the two missing ExitBootServices extends gives exactly the asserted value.
        byte[] pcr5 = PcrReplay.replay(log).get(HashAlgorithm.SHA1, 5).orElseThrow();
        for (String action : new String[] {"Exit Boot Services Invocation", "Exit Boot Services Returned with Success"}) {
            pcr5 = HashAlgorithm.SHA1.hash(pcr5, HashAlgorithm.SHA1.hash(action.getBytes()));
        }
        assertThat(HexFormat.of().formatHex(pcr5)).isEqualTo("31245808d6d35849bc394f6343f2b3ff908ed5e3");
        ReferenceState requireEbs = new ReferenceState(java.util.List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            java.util.List.of(), java.util.List.of(), java.util.List.of(), false, java.util.Map.of(), true);
        assertThat(verify(log, requireEbs).reasons()).containsExactly("PCR5 lacks the EV_EFI_ACTION \"Exit Boot Services Invocation\" event");
    }

    @Test
    void unknownKeysInAReferenceStateAreNamed() {
        assertThatThrownBy(() -> ReferenceStates.parse("{\"kernels\": [{\"shim_authcode_sha256\": \"0x00\", \"grub_authcode_sha256\": \"0x00\", \"kernal_cmdline\": \"x\"}]}".getBytes(), "ref.json"))
            .hasMessageContaining("ref.json: unknown key 'kernels[0].kernal_cmdline'");
        assertThatThrownBy(() -> ReferenceStates.parse("{\"pcrs\": {\"sha256\": {\"7\": \"abcd\"}}}".getBytes(), "ref.json"))
            .hasMessageContaining("pcrs.sha256.7: expected 32 bytes of hex");
    }
}
