package io.aisprint.deploy;

import java.util.List;

/**
 * The SPI every deployment back-end implements (embedded runtime, Kubernetes, Infrastructure
 * Manager, OSCAR): create a component's deployment, watch it, resize it, remove it. A deployer
 * reads what it needs from the {@link DeploymentRequest} (the TOSCA document, the OSCAR service
 * inside it, or the Kubernetes manifests). Failures are {@link DeployException}s with code
 * {@code REMOTE} (the back-end refused or failed) or {@code UNKNOWN_RESOURCE} (no such deployment).
 */
public interface Deployer extends AutoCloseable {
    /** {@code embedded}, {@code kubernetes}, {@code im}, {@code oscar}. */
    String kind();

    /** Starts deploying; returns at once with the handle (the IM and Kubernetes finish asynchronously). */
    DeploymentHandle create(DeploymentRequest request);

    DeploymentStatus status(DeploymentHandle handle);

    /** Grows or shrinks the deployment to {@code instances} worker nodes, replicas or warm instances. */
    void scale(DeploymentHandle handle, int instances);

    void delete(DeploymentHandle handle);

    /** The deployments this deployer manages now. */
    List<DeploymentHandle> list();

    @Override
    default void close() {
    }
}
