package io.aisprint.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deploys an application's components in toscarizer's order: a component is created only once
 * every successor in the DAG is CONFIGURED, because a producer writes into its consumers' buckets
 * and needs their endpoints. Components with no path between them start together.
 */
public final class ConsumersFirst {
    /** How long to wait between status polls (toscarizer: 10 s) and in all. */
    public record Timing(Duration poll, Duration timeout) {
        public Timing {
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    private ConsumersFirst() {
    }

    /**
     * @param successors every component's successors (components missing from it have none)
     * @return the handles by component, in creation order
     */
    public static Map<String, DeploymentHandle> deploy(Deployer deployer, Map<String, DeploymentRequest> requests,
                                                       Map<String, List<String>> successors, Timing timing) {
        Map<String, DeploymentHandle> created = new LinkedHashMap<>();
        Map<String, DeploymentStatus.State> states = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timing.timeout().toNanos();
        while (created.size() < requests.size() || !allConfigured(states, requests.keySet())) {
            for (Map.Entry<String, DeploymentRequest> entry : requests.entrySet()) {
                String component = entry.getKey();
                List<String> after = successors.getOrDefault(component, List.of());
                if (!created.containsKey(component)
                        && after.stream().allMatch(next -> states.get(next) == DeploymentStatus.State.CONFIGURED)) {
                    created.put(component, deployer.create(entry.getValue()));
                }
            }
            for (Map.Entry<String, DeploymentHandle> entry : created.entrySet()) {
                if (states.get(entry.getKey()) == DeploymentStatus.State.CONFIGURED) {
                    continue;
                }
                DeploymentStatus.State state = deployer.status(entry.getValue()).state();
                if (state.failed()) {
                    throw new DeployException(DeployException.Code.REMOTE, entry.getValue().id(), entry.getKey(),
                            "the deployment ended " + state + "; its consumers are up, the rest was not started");
                }
                states.put(entry.getKey(), state);
            }
            if (created.size() == requests.size() && allConfigured(states, requests.keySet())) {
                break;
            }
            if (System.nanoTime() > deadline) {
                List<String> waiting = new ArrayList<>(requests.keySet());
                waiting.removeIf(c -> states.get(c) == DeploymentStatus.State.CONFIGURED);
                throw new DeployException(DeployException.Code.REMOTE, "", String.join(", ", waiting),
                        "not configured within " + timing.timeout() + " (states " + states + ")");
            }
            sleep(timing.poll());
        }
        return created;
    }

    private static boolean allConfigured(Map<String, DeploymentStatus.State> states, java.util.Set<String> components) {
        return components.stream().allMatch(c -> states.get(c) == DeploymentStatus.State.CONFIGURED);
    }

    private static void sleep(Duration poll) {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException(DeployException.Code.REMOTE, "", "", "interrupted while waiting for the deployment");
        }
    }
}
