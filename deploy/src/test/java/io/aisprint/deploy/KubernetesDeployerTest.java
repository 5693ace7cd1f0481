package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.deploy.deployers.KubernetesDeployer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit against fabric8's own mock Kubernetes API server in CRUD mode (it stores
 * and serves objects like an API server, on 127.0.0.1, but runs no controllers: pods never start,
 * so deployments stay PENDING).
 */
class KubernetesDeployerTest extends DeployerConformanceKit {
    /** Held so that the level sticks (java.util.logging keeps loggers weakly): one line per request is noise here. */
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");
    private static final java.util.logging.Logger VERTX_LOG = quiet("io.vertx.core.impl.BlockedThreadChecker");
    private KubernetesMockServer server;
    private KubernetesClient client;

    @Override
    protected Deployer newDeployer() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        return new KubernetesDeployer(client, "aisprint");
    }

    @Override
    protected boolean becomesReady() {
        return false;
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.destroy();
    }

    @Test
    void everyManifestIsCreatedLabelledAndDeletedAgain() {
        DeploymentHandle handle = deployer.create(DeployFixtures.request("stage-k", 2));
        assertThat(client.configMaps().inNamespace("aisprint").withLabel(KubernetesDeployer.LABEL, "stage-k").list().getItems()).hasSize(1);
        assertThat(client.services().inNamespace("aisprint").withLabel(KubernetesDeployer.LABEL, "stage-k").list().getItems()).hasSize(1);
        assertThat(client.apps().deployments().inNamespace("aisprint").withName(handle.id()).get().getSpec().getReplicas()).isEqualTo(2);
        deployer.delete(handle);
        assertThat(client.configMaps().inNamespace("aisprint").withLabel(KubernetesDeployer.LABEL, "stage-k").list().getItems()).isEmpty();
        assertThat(client.services().inNamespace("aisprint").withLabel(KubernetesDeployer.LABEL, "stage-k").list().getItems()).isEmpty();
    }
}
