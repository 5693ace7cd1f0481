package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Deployer} must do, run against each back-end by extending this class (as
 * Micrometer's registry compatibility kit): create, report, resize, list and delete a deployment,
 * and name an unknown one as such.
 */
abstract class DeployerConformanceKit {
    protected Deployer deployer;

    /** A fresh deployer on a fresh back-end. */
    protected abstract Deployer newDeployer() throws Exception;

    /** Whether the back-end reaches CONFIGURED by itself (a mock API server without controllers does not). */
    protected boolean becomesReady() {
        return true;
    }

    @BeforeEach
    void start() throws Exception {
        deployer = newDeployer();
    }

    @AfterEach
    void stop() {
        deployer.close();
    }

    @Test
    void createdDeploymentReportsItsInstancesAndIsListed() {
        DeploymentHandle handle = deployer.create(DeployFixtures.request("stage-a", 2));
        assertThat(handle.name()).isEqualTo("stage-a");
        DeploymentStatus status = deployer.status(handle);
        assertThat(status.instances()).isEqualTo(2);
        assertThat(status.state().failed()).isFalse();
        assertThat(deployer.list()).extracting(DeploymentHandle::id).contains(handle.id());
    }

    @Test
    void deploymentBecomesReadyAndPublishesOutputs() throws InterruptedException {
        DeploymentHandle handle = deployer.create(DeployFixtures.request("stage-b", 1));
        DeploymentStatus status = deployer.status(handle);
        // poll as a client would (the IM every 10 s; here 0.1 s), for up to a minute
        for (int poll = 0; poll < (becomesReady() ? 600 : 3) && status.state() != DeploymentStatus.State.CONFIGURED; poll++) {
            Thread.sleep(100);
            status = deployer.status(handle);
        }
        if (becomesReady()) {
            assertThat(status.state()).isEqualTo(DeploymentStatus.State.CONFIGURED);
        }
        assertThat(status.outputs()).isNotEmpty();
    }

    @Test
    void scalingUpAndDownIsReported() {
        DeploymentHandle handle = deployer.create(DeployFixtures.request("stage-c", 1));
        deployer.scale(handle, 3);
        assertThat(deployer.status(handle).instances()).isEqualTo(3);
        deployer.scale(handle, 1);
        assertThat(deployer.status(handle).instances()).isEqualTo(1);
    }

    @Test
    void deletedDeploymentIsGoneAndUnknownFromThenOn() {
        DeploymentHandle kept = deployer.create(DeployFixtures.request("stage-d", 1));
        DeploymentHandle deleted = deployer.create(DeployFixtures.request("stage-e", 1));
        deployer.delete(deleted);
        assertThat(deployer.list()).extracting(DeploymentHandle::id).contains(kept.id()).doesNotContain(deleted.id());
        assertThatThrownBy(() -> deployer.status(deleted))
                .isInstanceOfSatisfying(DeployException.class,
                        e -> assertThat(e.code()).isEqualTo(DeployException.Code.UNKNOWN_RESOURCE));
    }
}
