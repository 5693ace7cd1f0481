package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.deploy.deployers.ImDeployer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The conformance kit against a server implementing the IM REST API as documented (see {@link ImReferenceServer}). */
class ImDeployerTest extends DeployerConformanceKit {
    static final String AUTH = "id = one; type = OpenNebula; host = one.example:2633; username = u; password = p\\n"
            + "type = InfrastructureManager; username = user; password = pass";
    private ImReferenceServer server;

    @Override
    protected Deployer newDeployer() {
        server = new ImReferenceServer();
        return new ImDeployer(server.url(), AUTH);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void everyCallCarriesTheAuthFileOnOneLine() {
        DeploymentHandle handle = deployer.create(DeployFixtures.request("stage-i", 2));
        deployer.status(handle);
        assertThat(server.authorizations).isNotEmpty().allSatisfy(header -> assertThat(header).isEqualTo(AUTH));
    }

    @Test
    void outputsComeFromTheToscaOutputsOnceConfigured() {
        DeploymentHandle handle = deployer.create(DeployFixtures.request("stage-o", 1));
        DeploymentStatus status = deployer.status(handle);
        while (status.state() != DeploymentStatus.State.CONFIGURED) {
            status = deployer.status(handle);
        }
        assertThat(status.outputs()).containsEntry("minio_password", "fixed5")
                .containsEntry("oscarui_endpoint", "https://oscar-cluster-fixed2.im.grycap.net/");
    }

    @Test
    void aWrongAuthorizationIsARemoteRefusal() {
        ImDeployer anonymous = new ImDeployer(server.url(), "type = OpenNebula; host = x");
        assertThatThrownBy(() -> anonymous.create(DeployFixtures.request("stage-n", 1)))
                .isInstanceOfSatisfying(DeployException.class, e -> assertThat(e.code()).isEqualTo(DeployException.Code.REMOTE))
                .hasMessageContaining("401");
    }
}
