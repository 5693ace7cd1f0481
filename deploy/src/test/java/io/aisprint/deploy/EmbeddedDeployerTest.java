package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.deploy.deployers.EmbeddedDeployer;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The conformance kit on the embedded runtime; instances are real nodes of its pool. */
class EmbeddedDeployerTest extends DeployerConformanceKit {
    private TaskRuntime runtime;

    @Override
    protected Deployer newDeployer() {
        runtime = TaskRuntime.builder().node(NodeSpec.of("driver", 1)).build();
        return new EmbeddedDeployer(runtime);
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    @Test
    void instancesAreNodesWithTheFunctionsCoresAndMemory() {
        deployer.create(DeployFixtures.request("stage-x", 2));
        assertThat(runtime.nodes()).filteredOn(n -> "stage-x".equals(n.labels().get(EmbeddedDeployer.LABEL)))
                .extracting(NodeSpec::name, NodeSpec::cores, NodeSpec::memoryMb)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stage-x-1", 2, 1024L),
                        org.assertj.core.groups.Tuple.tuple("stage-x-2", 2, 1024L));
    }
}
