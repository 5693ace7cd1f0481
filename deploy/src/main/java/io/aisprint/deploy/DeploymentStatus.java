package io.aisprint.deploy;

import java.util.Map;

/**
 * Where a deployment stands: its state, the instances it has (or is being resized to), and the
 * values it publishes (endpoints, credentials: the IM's TOSCA outputs, OSCAR's service URL).
 */
public record DeploymentStatus(State state, int instances, Map<String, String> outputs) {
    /** The IM's states, which the other back-ends map onto. */
    public enum State { PENDING, RUNNING, CONFIGURED, UNCONFIGURED, FAILED, UNKNOWN;

        public boolean failed() {
            return this == FAILED || this == UNCONFIGURED;
        }
    }

    public DeploymentStatus {
        outputs = Map.copyOf(outputs);
    }
}
