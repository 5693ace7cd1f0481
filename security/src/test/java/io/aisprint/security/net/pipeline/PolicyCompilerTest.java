package io.aisprint.security.net.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.security.net.Ipv4Prefix;
import io.aisprint.security.net.NetworkPolicy;
import io.aisprint.security.net.PolicyFile;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {
    private static final String POLICY = """
        services:
          - {name: wide, address: 10.60.0.0/16, port: 1-65535, protocol: any}
          - {name: cam, address: 10.60.0.10, port: 8080, protocol: tcp}
          - {name: tele, address: 10.60.0.20, port: 9000-9010, protocol: tcp}
        devices:
          - {sim: "1", address: 10.45.0.11, groups: [cameras]}
          - {sim: "2", address: 10.45.0.12, groups: [cameras]}
          - {sim: "3", address: 10.45.1.0/24}
        grants:
          - {device: cameras, service: cam}
          - {device: "2", service: cam, action: deny}
          - {device: "3", service: tele}
        acls:
          - {priority: 10, source: 10.45.1.0/24, port: 9005, action: drop}
          - {priority: 20, source: 10.45.1.7, port: 9005, action: pass}
        """;

    private final NetworkPolicy policy = PolicyFile.parse(POLICY, "p.yaml");
    private final Pipeline pipeline = PolicyCompiler.compile(policy);

    private Verdict tcp(String src, String dst, int dport) {
        return pipeline.process(new Packet(Ipv4Prefix.parse(src).address(), Ipv4Prefix.parse(dst).address(), 6, 40000, dport, 60));
    }

    @Test
    void grantedDevicesAreForwardedOthersDropped() {
        assertThat(tcp("10.45.0.11", "10.60.0.10", 8080).outcome()).isEqualTo(Verdict.Outcome.FORWARD);
        assertThat(tcp("10.45.0.12", "10.60.0.10", 8080)).extracting(Verdict::outcome, Verdict::reason)
            .containsExactly(Verdict.Outcome.DROP, "terminations: drop");
        assertThat(tcp("10.45.0.11", "10.60.0.20", 9000).outcome()).as("cameras have no telemetry grant").isEqualTo(Verdict.Outcome.DROP);
        assertThat(tcp("10.45.9.9", "10.60.0.10", 8080).reason()).isEqualTo("sessions: unknown UE");
        assertThat(tcp("10.45.0.11", "192.168.1.1", 8080).reason()).isEqualTo("interfaces: no interface for the destination");
    }

    @Test
    void theMostSpecificApplicationFilterClassifiesAndRangesAreInclusive() {
        assertThat(tcp("10.45.0.11", "10.60.0.10", 8080).appId()).isEqualTo(pipeline.appIds().get("cam"));
        assertThat(tcp("10.45.0.11", "10.60.0.10", 8081).appId()).as("other port: only the /16 catch-all").isEqualTo(pipeline.appIds().get("wide"));
        assertThat(tcp("10.45.1.3", "10.60.0.20", 9000).outcome()).isEqualTo(Verdict.Outcome.FORWARD);
        assertThat(tcp("10.45.1.3", "10.60.0.20", 9010).outcome()).isEqualTo(Verdict.Outcome.FORWARD);
        assertThat(tcp("10.45.1.3", "10.60.0.20", 9011).outcome()).isEqualTo(Verdict.Outcome.DROP);
    }

    @Test
    void aclsOverrideTerminationsByPriority() {
        assertThat(tcp("10.45.1.3", "10.60.0.20", 9005).reason()).isEqualTo("acls: drop");
        assertThat(tcp("10.45.1.7", "10.60.0.20", 9005).outcome()).as("the priority-20 pass wins over the priority-10 drop").isEqualTo(Verdict.Outcome.FORWARD);
    }

    @Test
    void downlinkPacketsOfAGrantedFlowAreForwardedAndCounted() {
        Verdict reply = pipeline.process(new Packet(Ipv4Prefix.parse("10.60.0.10").address(), Ipv4Prefix.parse("10.45.0.11").address(), 6, 8080, 40000, 100));
        assertThat(reply.outcome()).isEqualTo(Verdict.Outcome.FORWARD);
        long total = 0;
        for (int i = 0; i < pipeline.counters().size(); i++) {
            total += pipeline.counters().bytes(i);
        }
        assertThat(total).isEqualTo(100);
        assertThat(P4RuntimeJson.render(pipeline).get("table_entries").size()).isEqualTo(5 + pipeline.tables().stream().mapToInt(Table::size).sum());
    }
}
