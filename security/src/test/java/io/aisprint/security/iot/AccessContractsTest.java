package io.aisprint.security.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/** The contracts on a real local chain (ganache), through web3j. */
class AccessContractsTest {
    static final Credentials OWNER = Accounts.generate();
    static final Credentials GATEWAY = Accounts.generate();
    static final Credentials STRANGER = Accounts.generate();
    static LocalGanache ganache;

    @BeforeAll
    static void startChain() throws Exception {
        assumeTrue(LocalGanache.missing().isEmpty(), () -> "skipped: " + LocalGanache.missing().orElseThrow());
        ganache = LocalGanache.start(OWNER, GATEWAY, STRANGER);
    }

    @AfterAll
    static void stopChain() throws Exception {
        if (ganache != null) {
            ganache.close();
        }
    }

    @Test
    void staticPolicyFrequencyMisbehaviourAndTimeBasedPenalties() {
        String reader = Accounts.generate().getAddress();
        try (Chain owner = new Chain(ganache.url(), OWNER); Chain gateway = new Chain(ganache.url(), GATEWAY)) {
            Deployment deployment = AccessContracts.deployShared(owner, 60);
            AccessContracts asOwner = new AccessContracts(owner, deployment);
            AccessContracts asGateway = new AccessContracts(gateway, deployment);
            asOwner.createResource("turbine-7/vibration", GATEWAY.getAddress());

            assertThat(asGateway.checkAccess("turbine-7/vibration", reader).reason()).as("not granted yet").isEqualTo(1);
            asOwner.grant("turbine-7/vibration", reader, 10, 2);
            AccessContracts.Decision first = asGateway.checkAccess("turbine-7/vibration", reader);
            assertThat(first.allowed()).isTrue();
            assertThat(first.transaction()).startsWith("0x");

            // Two requests inside the 10 s interval reach the threshold: penalised for 60 s.
            assertThat(asGateway.checkAccess("turbine-7/vibration", reader).allowed()).isTrue();
            AccessContracts.Decision penalised = asGateway.checkAccess("turbine-7/vibration", reader);
            assertThat(penalised.reason()).isEqualTo(3);
            assertThat(penalised.blockedUntil()).isPresent();
            assertThat(asGateway.checkAccess("turbine-7/vibration", reader).reason()).as("blocked").isEqualTo(2);
            assertThat(asOwner.status("turbine-7/vibration", reader).offences()).isEqualTo(1);

            owner.raw("evm_increaseTime", List.of(61));
            owner.raw("evm_mine", List.of());
            assertThat(asGateway.checkAccess("turbine-7/vibration", reader).allowed()).as("penalty over").isTrue();

            asOwner.revoke("turbine-7/vibration", reader);
            assertThat(asGateway.checkAccess("turbine-7/vibration", reader).reason()).isEqualTo(1);
            assertThat(asOwner.status("turbine-7/vibration", reader).permitted()).isFalse();
        }
    }

    @Test
    void repeatOffencesDoubleThePenalty() {
        String reader = Accounts.generate().getAddress();
        try (Chain owner = new Chain(ganache.url(), OWNER); Chain gateway = new Chain(ganache.url(), GATEWAY)) {
            Deployment deployment = AccessContracts.deployShared(owner, 100);
            AccessContracts asOwner = new AccessContracts(owner, deployment);
            AccessContracts asGateway = new AccessContracts(gateway, deployment);
            asOwner.createResource("r", GATEWAY.getAddress());
            asOwner.grant("r", reader, 1000, 1);
            asGateway.checkAccess("r", reader);
            long firstEnd = asGateway.checkAccess("r", reader).blockedUntil().orElseThrow();
            owner.raw("evm_increaseTime", List.of(101));
            owner.raw("evm_mine", List.of());
            AccessContracts.Decision second = asGateway.checkAccess("r", reader);
            assertThat(second.reason()).as("within the interval of the last request again").isEqualTo(3);
            assertThat(second.blockedUntil().orElseThrow() - firstEnd).as("second penalty 200 s, given 101 s later").isBetween(200L, 204L);
            assertThat(asGateway.checkAccess("r", reader).reason()).isEqualTo(2);
        }
    }

    @Test
    void onlyTheOwnerChangesPoliciesAndOnlyTheGatewayAsksForOthers() {
        String reader = Accounts.generate().getAddress();
        try (Chain owner = new Chain(ganache.url(), OWNER); Chain stranger = new Chain(ganache.url(), STRANGER)) {
            Deployment deployment = AccessContracts.deployShared(owner, 60);
            new AccessContracts(owner, deployment).createResource("cam", GATEWAY.getAddress());
            AccessContracts asStranger = new AccessContracts(stranger, deployment);
            assertThatThrownBy(() -> asStranger.grant("cam", reader, 0, 0)).isInstanceOf(IotException.class)
                .hasMessageContaining("only the resource owner").extracting(e -> ((IotException) e).code()).isEqualTo(IotException.Code.REJECTED_BY_CONTRACT);
            assertThatThrownBy(() -> asStranger.checkAccess("cam", reader)).hasMessageContaining("only the gateway or the subject itself");
            assertThatThrownBy(() -> asStranger.checkAccess("nothing-here", reader)).hasMessageContaining("resource 'nothing-here' is not registered");
        }
    }

    @Test
    void aChainThatIsDownIsAClearError() {
        try (Chain nowhere = new Chain("http://127.0.0.1:1", OWNER)) {
            assertThatThrownBy(() -> AccessContracts.deployShared(nowhere, 60)).isInstanceOf(IotException.class)
                .hasMessageContaining("the chain at http://127.0.0.1:1 cannot be reached")
                .extracting(e -> ((IotException) e).code()).isEqualTo(IotException.Code.CHAIN_UNAVAILABLE);
        }
    }
}
