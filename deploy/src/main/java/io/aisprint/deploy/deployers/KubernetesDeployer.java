package io.aisprint.deploy.deployers;

import io.aisprint.deploy.DeployException;
import io.aisprint.deploy.Deployer;
import io.aisprint.deploy.DeploymentHandle;
import io.aisprint.deploy.DeploymentRequest;
import io.aisprint.deploy.DeploymentStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deploys a component's manifests with the fabric8 client into one namespace: creates every object,
 * reports the Deployment's desired and ready replicas, scales it, deletes every object. All objects
 * carry the label {@code aisprint.io/deployment=<name>} so that they are found again.
 */
public final class KubernetesDeployer implements Deployer {
    public static final String LABEL = "aisprint.io/deployment";

    private final KubernetesClient client;
    private final String namespace;

    public KubernetesDeployer(KubernetesClient client, String namespace) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    @Override
    public DeploymentHandle create(DeploymentRequest request) {
        Deployment deployment = deploymentOf(request);
        try {
            if (client.apps().deployments().inNamespace(namespace).withName(deployment.getMetadata().getName()).get() != null) {
                throw new DeployException(DeployException.Code.REMOTE, "", request.name(),
                        "is already deployed in namespace " + namespace);
            }
            for (HasMetadata object : request.manifests()) {
                Map<String, String> labels = new LinkedHashMap<>(object.getMetadata().getLabels() == null
                        ? Map.of() : object.getMetadata().getLabels());
                labels.put(LABEL, request.name());
                object.getMetadata().setLabels(labels);
                if (object == deployment) {
                    deployment.getSpec().setReplicas(request.instances());
                }
                client.resource(object).inNamespace(namespace).create();
            }
        } catch (KubernetesClientException e) {
            throw remote(request.name(), e);
        }
        return new DeploymentHandle(request.name(), deployment.getMetadata().getName());
    }

    @Override
    public DeploymentStatus status(DeploymentHandle handle) {
        Deployment deployment = find(handle);
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        Integer ready = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
        DeploymentStatus.State state = ready != null && ready >= desired ? DeploymentStatus.State.CONFIGURED
                : DeploymentStatus.State.PENDING;
        return new DeploymentStatus(state, desired, Map.of("namespace", namespace, "deployment", handle.id(),
                "service", handle.id() + "." + namespace + ".svc"));
    }

    @Override
    public void scale(DeploymentHandle handle, int instances) {
        find(handle);
        try {
            client.apps().deployments().inNamespace(namespace).withName(handle.id())
                    .edit(d -> {
                        d.getSpec().setReplicas(instances);
                        return d;
                    });
        } catch (KubernetesClientException e) {
            throw remote(handle.name(), e);
        }
    }

    @Override
    public void delete(DeploymentHandle handle) {
        find(handle);
        try {
            client.configMaps().inNamespace(namespace).withLabel(LABEL, handle.name()).delete();
            client.services().inNamespace(namespace).withLabel(LABEL, handle.name()).delete();
            client.apps().deployments().inNamespace(namespace).withLabel(LABEL, handle.name()).delete();
        } catch (KubernetesClientException e) {
            throw remote(handle.name(), e);
        }
    }

    @Override
    public List<DeploymentHandle> list() {
        return client.apps().deployments().inNamespace(namespace).withLabel(LABEL).list().getItems().stream()
                .map(d -> new DeploymentHandle(d.getMetadata().getLabels().get(LABEL), d.getMetadata().getName()))
                .toList();
    }

    private Deployment find(DeploymentHandle handle) {
        Deployment deployment;
        try {
            deployment = client.apps().deployments().inNamespace(namespace).withName(handle.id()).get();
        } catch (KubernetesClientException e) {
            throw remote(handle.name(), e);
        }
        if (deployment == null) {
            throw new DeployException(DeployException.Code.UNKNOWN_RESOURCE, "", handle.name(),
                    "no Deployment " + handle.id() + " in namespace " + namespace);
        }
        return deployment;
    }

    private static Deployment deploymentOf(DeploymentRequest request) {
        for (HasMetadata object : request.manifests()) {
            if (object instanceof Deployment deployment) {
                return deployment;
            }
        }
        throw new DeployException(DeployException.Code.INVALID_FIELD, "", request.name(),
                "the manifests hold no Deployment (a Knative Service needs a cluster with Knative)");
    }

    private static DeployException remote(String name, KubernetesClientException e) {
        return new DeployException(DeployException.Code.REMOTE, "", name, "the Kubernetes API refused: " + e.getMessage());
    }
}
