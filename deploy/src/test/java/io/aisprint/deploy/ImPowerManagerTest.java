package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.deploy.deployers.ImDeployer;
import io.aisprint.deploy.elastic.ElasticityManager;
import io.aisprint.deploy.elastic.ElasticityPolicy;
import io.aisprint.deploy.elastic.ImPowerManager;
import io.aisprint.deploy.elastic.WorkloadView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CLUES's im power manager: the elasticity manager resizes an IM infrastructure (documented-API server). */
class ImPowerManagerTest {
    @Test
    void poweringNodesOnAndOffAddsAndRemovesWorkerVms() {
        try (ImReferenceServer server = new ImReferenceServer()) {
            ImDeployer im = new ImDeployer(server.url(), ImDeployerTest.AUTH);
            DeploymentHandle cluster = im.create(DeployFixtures.request("elastic", 0));
            assertThat(server.vms().get(0)).hasSize(1); // the front end only
            ImPowerManager power = new ImPowerManager(im, cluster);
            int[] unfinished = {5};
            WorkloadView view = new WorkloadView() {
                @Override
                public int unfinishedTasks() {
                    return unfinished[0];
                }

                @Override
                public Set<String> liveNodes() {
                    return Set.of(); // nodes never report in: the manager only powers on here
                }
            };
            ElasticityManager manager = new ElasticityManager(new ElasticityPolicy(0, 3, 0, 2, Duration.ZERO, Duration.ofHours(1)),
                    power, view, Clock.systemUTC(), List.of("vm-a", "vm-b", "vm-c"));
            manager.step();
            assertThat(im.status(cluster).instances()).isEqualTo(3);
            assertThat(server.vms().get(0)).containsExactly("0", "1", "2", "3");

            power.powerOff("vm-c");
            power.powerOff("vm-b");
            assertThat(im.status(cluster).instances()).isEqualTo(1);
            // the newest worker VMs went through removal_list
            assertThat(server.vms().get(0)).containsExactly("0", "1");
        }
    }
}
