package io.aisprint.security.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyFileTest {
    static final String POLICY = """
        services:
          - {name: cam, address: 10.60.0.10, port: 8080, protocol: tcp}
          - {name: tele, address: 10.60.0.0/24, port: 9000-9010, protocol: udp, via: r2}
        devices:
          - {sim: "1", address: 10.45.0.11, groups: [cameras]}
          - {sim: "2", address: 10.45.0.12, slice: 2, groups: [cameras]}
        grants:
          - {device: cameras, service: cam}
          - {device: "2", service: cam, action: deny}
        """;

    @Test
    void readsTheExampleAndTheMinimumSchema() {
        NetworkPolicy example = PolicyFile.read(Path.of("../examples/security/net-policy.yaml"));
        assertThat(example.services()).hasSize(2);
        NetworkPolicy policy = PolicyFile.parse(POLICY, "p.yaml");
        assertThat(policy.services().get(1)).isEqualTo(new Service("tele", Ipv4Prefix.parse("10.60.0.0/24"), new PortRange(9000, 9010), Protocol.UDP, "mec", "r2"));
        assertThat(policy.device("2").orElseThrow().slice()).isEqualTo(2);
        assertThat(policy.allows(policy.device("1").orElseThrow(), policy.service("cam").orElseThrow())).isTrue();
        assertThat(policy.allows(policy.device("2").orElseThrow(), policy.service("cam").orElseThrow())).as("deny wins over the group's allow").isFalse();
    }

    @Test
    void unknownKeysAreNamedWithFileAndLine() {
        String yaml = POLICY.replace("protocol: udp", "protocl: udp");
        assertThatThrownBy(() -> PolicyFile.parse(yaml, "p.yaml"))
            .isInstanceOf(NetException.class)
            .hasMessageContaining("p.yaml:3: unknown key 'protocl' in services[1]; expected one of name, address, port, protocol, site, via")
            .extracting(e -> ((NetException) e).code()).isEqualTo(NetException.Code.INVALID_POLICY);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = """
            services:
              - {name: cam, address: 10.60.0.300, port: 70000}
            devices:
              - {sim: "1", address: 10.45.0.1/24}
            grants:
              - {device: nobody, service: cam}
              - {device: "1", service: missing, action: maybe}
            colour: blue
            """;
        assertThatThrownBy(() -> PolicyFile.parse(yaml, "bad.yaml"))
            .hasMessageContaining("bad.yaml:2: services[0].address: '10.60.0.300' is not an IPv4 address")
            .hasMessageContaining("bad.yaml:2: services[0].port: '70000' is not a port")
            .hasMessageContaining("bad.yaml:4: devices[0].address: '10.45.0.1/24' has host bits set; maybe 10.45.0.0/24")
            .hasMessageContaining("bad.yaml:6: 'nobody' is not a known device sim or group")
            .hasMessageContaining("bad.yaml:7: 'missing' is not a known service name")
            .hasMessageContaining("bad.yaml:7: grants[1].action is 'maybe'; expected allow or deny")
            .hasMessageContaining("bad.yaml:8: unknown key 'colour' in the policy");
    }

    @Test
    void malformedYamlAndMissingKeysAreInvalidPolicies() {
        assertThatThrownBy(() -> PolicyFile.parse("services: [", "x.yaml")).hasMessageStartingWith("x.yaml:1: not valid YAML");
        assertThatThrownBy(() -> PolicyFile.parse("services: []\n", "x.yaml")).hasMessageContaining("missing key 'devices'");
        assertThatThrownBy(() -> PolicyFile.parse("- a\n- b\n", "x.yaml")).hasMessageContaining("the policy must be a mapping");
        assertThatThrownBy(() -> PolicyFile.read(Path.of("no/such/file.yaml")))
            .extracting(e -> ((NetException) e).code()).isEqualTo(NetException.Code.UNREADABLE);
    }

    @Test
    void scenariosReferToThePolicy() {
        NetworkPolicy policy = PolicyFile.parse(POLICY, "p.yaml");
        List<Attempt> attempts = PolicyFile.parseScenario("attempts:\n  - {device: \"1\", service: cam, expect: allow}\n", "s.yaml", policy);
        assertThat(attempts).containsExactly(new Attempt("1", "cam", true));
        assertThatThrownBy(() -> PolicyFile.parseScenario("attempts:\n  - {device: \"9\", service: cam, expect: perhaps, extra: 1}\n", "s.yaml", policy))
            .hasMessageContaining("s.yaml:2: unknown key 'extra' in attempts[0]")
            .hasMessageContaining("s.yaml:2: '9' is not a known device sim of the policy")
            .hasMessageContaining("expect is 'perhaps'; expected allow or deny");
    }
}
