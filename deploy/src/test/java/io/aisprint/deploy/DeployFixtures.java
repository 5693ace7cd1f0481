package io.aisprint.deploy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Deployment requests generated from the purpose-built {@code apps/two-stage} application (no anchors needed). */
final class DeployFixtures {
    private DeployFixtures() {
    }

    static Path twoStage() {
        try {
            return Path.of(DeployFixtures.class.getResource("/apps/two-stage/common_config/application_dag.yaml").toURI())
                    .getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request for component {@code detect} under a given deployment name. */
    static DeploymentRequest request(String name, int instances) {
        Map<String, Map<String, Object>> tosca = ToscaGenerator.generate(twoStage(), ToscaOptions.base(), SecretSource.numbered());
        List<io.fabric8.kubernetes.api.model.HasMetadata> manifests = KubernetesManifests.resources(twoStage(), false).get("detect");
        for (io.fabric8.kubernetes.api.model.HasMetadata object : manifests) {
            object.getMetadata().setName(object.getMetadata().getName().replace("detect", name));
        }
        DeploymentRequest request = new DeploymentRequest(name, instances, tosca.get("detect"), manifests);
        request.function().put("name", name);
        return request;
    }
}
