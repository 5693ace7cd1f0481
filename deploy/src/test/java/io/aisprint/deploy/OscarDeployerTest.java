package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.deploy.deployers.OscarDeployer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The conformance kit against a server implementing OSCAR's REST API as documented (see {@link OscarReferenceServer}). */
class OscarDeployerTest extends DeployerConformanceKit {
    private OscarReferenceServer server;

    @Override
    protected Deployer newDeployer() {
        server = new OscarReferenceServer("oscar", "secret");
        return new OscarDeployer(server.url(), "oscar", "secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void servicesTakeJobsAndSynchronousRuns() {
        OscarDeployer oscar = (OscarDeployer) deployer;
        DeploymentHandle handle = oscar.create(DeployFixtures.request("stage-j", 1));
        oscar.submitJob(handle, "{\"Records\":[]}");
        assertThat(server.jobs).containsExactly("stage-j:{\"Records\":[]}");
        assertThat(oscar.run(handle, "hello")).isEqualTo("stage-j:hello");
        assertThat(oscar.status(handle).outputs()).containsKey("oscar_service_cred");
    }
}
