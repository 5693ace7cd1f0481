package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.deploy.deployers.ImDeployer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two-stage fixture deployed through the IM client (against the documented-API server) consumers first. */
class ConsumersFirstTest {
    @Test
    void theConsumerIsConfiguredBeforeTheProducerIsCreated() {
        Map<String, Map<String, Object>> tosca = ToscaGenerator.generate(DeployFixtures.twoStage(), ToscaOptions.base(),
                SecretSource.numbered());
        Map<String, DeploymentRequest> requests = new LinkedHashMap<>();
        tosca.forEach((component, document) -> requests.put(component, new DeploymentRequest(component, 2, document, List.of())));
        try (ImReferenceServer server = new ImReferenceServer()) {
            ImDeployer im = new ImDeployer(server.url(), ImDeployerTest.AUTH);
            Map<String, DeploymentHandle> handles = ConsumersFirst.deploy(im, requests, Map.of("detect", List.of("classify")),
                    new ConsumersFirst.Timing(Duration.ofMillis(10), Duration.ofSeconds(10)));
            assertThat(handles).containsOnlyKeys("classify", "detect");
            assertThat(List.copyOf(handles.keySet())).containsExactly("classify", "detect");
            // the consumer was configured before the producer was even created
            assertThat(server.log).containsSubsequence("create OSCAR classify", "state OSCAR classify configured", "create OSCAR detect");
            assertThat(server.log.indexOf("create OSCAR detect")).isGreaterThan(server.log.indexOf("state OSCAR classify configured"));
            assertThat(im.status(handles.get("detect")).state()).isEqualTo(DeploymentStatus.State.CONFIGURED);
        }
    }
}
