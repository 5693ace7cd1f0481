package io.aisprint.learn.nas;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.model.Component;
import io.aisprint.model.Deployment;
import io.aisprint.model.Partition;
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.UnknownKeys;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resources a search targets and with what limits: named on the command line (checked
 * against {@link #KNOWN}, the resources of the bundled example continua), or read from an
 * application: the component's candidate resources, its local response-time constraint and the
 * smallest memory among those resources.
 */
public final class NasTargets {
    /** The resources of examples/mask-detection and examples/wind-turbine-inspection. */
    public static final List<String> KNOWN = List.of("RaspberryPi4", "JetsonNano", "VM-t3xlarge", "VM-g4dnxlarge",
        "Drone-JetsonXavierNX", "Drone-RaspberryPi4", "EdgeServer-T4", "VM-m5xlarge", "Lambda-1024", "Lambda-3008");

    /** Targets and the limits an application gives (NaN / infinity where it gives none). */
    public record FromApplication(List<String> targets, double latencyLimit, double memoryLimitMb) {
    }

    private NasTargets() {
    }

    /** Checks names against {@code known}; an unknown one is an error with the nearest known name. */
    public static List<String> check(List<String> names, List<String> known, String where) {
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            String trimmed = name.trim();
            if (!known.contains(trimmed)) {
                throw new LearnException(LearnErrorCode.INVALID_OPTION, "--target " + trimmed + ": not a resource of " + where
                    + "; expected one of " + String.join(", ", known) + suggestion(trimmed, known));
            }
            unique.add(trimmed);
        }
        return new ArrayList<>(unique);
    }

    private static String suggestion(String name, List<String> known) {
        String nearest = UnknownKeys.nearest(name, known);
        return nearest == null ? "." : ".\nMaybe you meant \"" + nearest + "\"?";
    }

    /** The component's candidate resources (every partition's), its latency limit and the smallest memory among them. */
    public static FromApplication of(SystemDescription system, String componentName) {
        Component component = system.application().component(componentName).orElseThrow(() -> new LearnException(
            LearnErrorCode.INVALID_OPTION, "--component " + componentName + ": not a component of " + system.source() + "; expected one of "
                + String.join(", ", system.application().components().stream().map(Component::name).toList())
                + suggestion(componentName, system.application().components().stream().map(Component::name).toList())));
        Set<String> resources = new LinkedHashSet<>();
        for (Deployment deployment : component.deployments()) {
            for (Partition partition : deployment.partitions()) {
                resources.addAll(partition.memoryByResource().keySet());
            }
        }
        Map<String, Resource> known = system.continuum().resourcesByName();
        double memory = resources.stream().map(known::get).filter(r -> r != null && r.memory() > 0).mapToDouble(Resource::memory)
            .min().orElse(Double.POSITIVE_INFINITY);
        double latency = system.application().localConstraint(componentName).map(c -> c.maxResponseTime()).orElse(Double.NaN);
        return new FromApplication(new ArrayList<>(resources), latency, memory);
    }
}
