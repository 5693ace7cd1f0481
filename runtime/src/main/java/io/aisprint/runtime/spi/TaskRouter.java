package io.aisprint.runtime.spi;

import java.util.Optional;

/**
 * Maps an application component and partition to the resource that a Placement assigned it.
 * Nodes advertise their resource in the label {@value #RESOURCE_LABEL}. Plain strings keep the
 * runtime free of the model module.
 */
@FunctionalInterface
public interface TaskRouter {
    String RESOURCE_LABEL = "resource";

    Optional<String> resourceFor(String component, String partition);
}
