package io.aisprint.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.model.NodeResource;
import io.aisprint.model.Placement;
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPACE4AI-R rules on mask-detection (design at λ 2: Raspberry Pi 4 + one t3.xlarge). */
class ReplannerTest {
    private final SystemDescription system = Examples.maskDetection();
    private final Placement deployed = ApplicationManager.design(system, 2);

    @Test
    void theDesignUsesTheRaspberryPiAndOneVm() {
        assertThat(deployed.instances()).isEqualTo(Map.of("RaspberryPi4", 1, "VM-t3xlarge", 1));
    }

    @Test
    void runtimeSystemKeepsOnlyDeployedEdgeDevicesAtReducedCostAndTheVmTypeInUse() {
        SystemDescription restricted = Replanner.runtimeSystem(system, deployed, deployed, 0.1);
        Map<String, Resource> resources = restricted.continuum().resourcesByName();
        assertThat(resources).containsOnlyKeys("RaspberryPi4", "VM-t3xlarge");
        NodeResource pi = (NodeResource) resources.get("RaspberryPi4");
        assertThat(pi.cost()).isEqualTo(0.04, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(pi.number()).isEqualTo(1);
        assertThat(((NodeResource) resources.get("VM-t3xlarge")).number()).isEqualTo(4);
        // The partitioned deployment needs the Jetson or the g4dn for nothing, but its cloud half runs on t3 only now.
        restricted.application().components().forEach(component -> component.deployments().forEach(deployment ->
                deployment.partitions().forEach(partition ->
                        assertThat(partition.memoryByResource().keySet()).isSubsetOf("RaspberryPi4", "VM-t3xlarge"))));
    }

    @Test
    void atTheDesignLoadTheCurrentPlacementIsKept() {
        Replanner.Result result = Replanner.replan(system, deployed, deployed, 2, Replanner.Options.defaults());
        assertThat(result.changed()).isFalse();
        assertThat(result.moves()).isZero();
        assertThat(result.placement()).isPresent();
        assertThat(result.costAfter()).isEqualTo(result.costBefore());
    }

    @Test
    void moreLoadScalesTheVmClusterOutAndKeepsTheEdgeDevice() {
        Replanner.Result result = Replanner.replan(system, deployed, deployed, 4.8, Replanner.Options.defaults());
        assertThat(result.changed()).isTrue();
        Placement after = result.placement().orElseThrow();
        assertThat(after.instances()).containsEntry("RaspberryPi4", 1);
        assertThat(after.instances().get("VM-t3xlarge")).isGreaterThan(1);
        assertThat(after.instances()).doesNotContainKeys("JetsonNano", "VM-g4dnxlarge");
        assertThat(result.moves()).isEqualTo(after.instances().get("VM-t3xlarge") - 1);
        assertThat(result.costAfter()).isGreaterThan(result.costBefore());
        // Edge cost counts at 10 %: 0.04 for the Pi plus 0.1664 per VM.
        assertThat(result.costAfter()).isCloseTo(0.04 + 0.1664 * after.instances().get("VM-t3xlarge"),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.seconds()).isLessThan(2.0);
    }

    @Test
    void lessLoadScalesBackInToTheCheaperPlacement() {
        Placement big = Replanner.replan(system, deployed, deployed, 4.8, Replanner.Options.defaults()).placement().orElseThrow();
        Replanner.Result result = Replanner.replan(system, deployed, big, 1.0, Replanner.Options.defaults());
        assertThat(result.changed()).isTrue();
        assertThat(result.placement().orElseThrow().instances()).containsEntry("VM-t3xlarge", 1);
        assertThat(result.costAfter()).isLessThan(result.costBefore());
    }

    @Test
    void aLoadTheOwnedEdgeDeviceCannotTakeIsReportedInfeasible() {
        Replanner.Result result = Replanner.replan(system, deployed, deployed, 20, Replanner.Options.defaults());
        assertThat(result.placement()).isEmpty();
        assertThat(result.explanation()).isNotEmpty();
    }

    @Test
    void movesCountChangedPartitionsAndInstanceDifferences() {
        Placement more = Replanner.replan(system, deployed, deployed, 4.8, Replanner.Options.defaults()).placement().orElseThrow();
        assertThat(Replanner.moves(deployed, deployed)).isZero();
        assertThat(Replanner.moves(deployed, more)).isEqualTo(Replanner.moves(more, deployed));
        assertThat(Replanner.moves(deployed, more)).isPositive();
    }
}
