package io.aisprint.security.net.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aisprint.security.net.NetworkPolicy;
import io.aisprint.security.net.PolicyFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real namespaces, nftables and TCP connections; skips without root, nft, ip or python3. */
class NamespaceDataPlaneTest {
    static final String POLICY = """
        services:
          - {name: cam, address: 10.60.0.10, port: 8080}
          - {name: tele, address: 10.60.0.20, port: 9000}
        devices:
          - {sim: "1", address: 10.45.0.11, groups: [cameras]}
          - {sim: "2", address: 10.45.0.12}
          - {sim: "3", address: 10.45.0.13}
        grants:
          - {device: cameras, service: cam}
          - {device: "3", service: tele}
        """;
    private static final long TIMEOUT = 2500;

    @BeforeAll
    static void needsTheDataPlane() {
        assumeTrue(DataPlaneSupport.missing().isEmpty(), () -> "skipped: " + DataPlaneSupport.missing().orElseThrow());
    }

    @Test
    void authorisedConnectsUnauthorisedIsDroppedRevocationCutsTheOpenFlow() {
        NetworkPolicy policy = PolicyFile.parse(POLICY, "p.yaml");
        try (DataPlane plane = DataPlane.start(policy, false)) {
            DataPlane.Connection first = plane.connect(policy, "1", "cam", TIMEOUT, 1);
            assertThat(first.connected()).as("granted device, first packet via the controller: %s", first).isTrue();
            assertThat(first.connectMicros()).as("the held first packet is released, not left to TCP's 1 s retransmission").isLessThan(900_000);
            assertThat(plane.connect(policy, "2", "cam", TIMEOUT, 1).connected()).as("no grant").isFalse();
            assertThat(plane.connect(policy, "1", "tele", TIMEOUT, 1).connected()).as("granted another service only").isFalse();
            DataPlane.Connection later = plane.connect(policy, "1", "cam", TIMEOUT, 1);
            assertThat(later.connected()).isTrue();
            assertThat(later.connectMicros()).as("the flow's rules are in place: no controller round").isLessThan(first.connectMicros());
            assertThat(plane.controller().decisions()).anyMatch(d -> !d.allowed() && d.reason().equals("terminations: drop"));

            int open = plane.open(policy, "1", "cam", TIMEOUT);
            assertThat(open).isPositive();
            assertThat(plane.send(open, TIMEOUT)).isTrue();
            plane.controller().update(policy.revoke("cameras", "cam"));
            assertThat(plane.controller().installedFlows()).isEmpty();
            assertThat(plane.send(open, 1500)).as("the open connection's next packet after the revocation").isFalse();
            assertThat(plane.connect(policy, "1", "cam", TIMEOUT, 1).connected()).as("the next connection after the revocation").isFalse();
        }
    }

    @Test
    void addressesOfTheTransitLinksAreRefusedBeforeAnythingIsBuilt() {
        NetworkPolicy clash = PolicyFile.parse(POLICY.replace("10.45.0.13", "10.255.3.2"), "p.yaml");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataPlane.start(clash, false))
            .hasMessageContaining("device 3 (10.255.3.2): 10.255.0.0/16 is reserved for the data plane's transit links");
    }

    @Test
    void reroutingMovesTheFlowRulesToTheNewPath() {
        NetworkPolicy policy = PolicyFile.parse(POLICY, "p.yaml");
        try (DataPlane plane = DataPlane.start(policy, false)) {
            assertThat(plane.connect(policy, "3", "tele", TIMEOUT, 2).connected()).isTrue();
            assertThat(plane.flowPackets("r1")).isPositive();
            assertThat(plane.flowPackets("r2")).isZero();
            NetworkPolicy moved = policy.reroute("tele", "r2");
            plane.controller().update(moved);
            DataPlane.Connection after = plane.connect(moved, "3", "tele", TIMEOUT, 2);
            assertThat(after.connected()).as("over r2: %s", after).isTrue();
            assertThat(plane.flowPackets("r2")).isPositive();
            assertThat(plane.flowPackets("r1")).as("r1 no longer has the flow").isZero();
        }
    }

    @Test
    void theProactiveRuleSetEnforcesThePolicyWithoutTheController() {
        NetworkPolicy policy = PolicyFile.parse(POLICY, "p.yaml");
        try (DataPlane plane = DataPlane.start(policy, true)) {
            DataPlane.Connection granted = plane.connect(policy, "1", "cam", TIMEOUT, 1);
            assertThat(granted.connected()).as("%s", granted).isTrue();
            assertThat(granted.connectMicros()).as("no punt, no retransmission").isLessThan(500_000);
            assertThat(plane.connect(policy, "2", "cam", 1000, 1).connected()).isFalse();
            assertThat(plane.connect(policy, "3", "cam", 1000, 1).connected()).isFalse();
            assertThat(plane.connect(policy, "3", "tele", TIMEOUT, 1).connected()).isTrue();
        }
    }
}
