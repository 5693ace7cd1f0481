package io.aisprint.model;

/**
 * A FaaS configuration.
 *
 * @param idleTimeBeforeKill container keep-alive in seconds
 * @param transitionCost     per-invocation orchestration charge (read and echoed; not in the objective)
 */
public record FaasResource(
        String name,
        String layer,
        String description,
        double cost,
        double memory,
        double idleTimeBeforeKill,
        double transitionCost) implements Resource {

    @Override
    public ResourceKind kind() {
        return ResourceKind.FAAS;
    }
}
