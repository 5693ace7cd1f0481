package io.aisprint.runtime;

import io.aisprint.runtime.spi.SchedulingPolicy;
import io.aisprint.runtime.spi.TaskInfo;
import io.aisprint.runtime.spi.TaskRouter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The built-in scheduling policies. */
public final class SchedulingPolicies {
    private SchedulingPolicies() {
    }

    /** Oldest ready task first, first node that fits. */
    public static SchedulingPolicy fifo() {
        return new SchedulingPolicy() {
            @Override
            public String name() {
                return "fifo";
            }
        };
    }

    /** Newest ready task first: follows a chain depth-first and keeps fewer results alive. */
    public static SchedulingPolicy lifo() {
        return new SchedulingPolicy() {
            @Override
            public String name() {
                return "lifo";
            }

            @Override
            public boolean newestFirst() {
                return true;
            }
        };
    }

    /** FIFO order; each task goes to the fitting node that holds most of its inputs. */
    public static SchedulingPolicy locality() {
        return new LocalityPolicy("locality");
    }

    /**
     * A task tagged with a component/partition runs only on nodes whose {@code resource} label is
     * the resource the router names for it; untagged tasks and unrouted tags use data locality.
     */
    public static SchedulingPolicy placementAware(TaskRouter router) {
        Objects.requireNonNull(router, "router");
        return new LocalityPolicy("placement") {
            @Override
            public boolean allows(TaskInfo task, NodeSpec node) {
                if (task.component() == null) {
                    return true;
                }
                Optional<String> resource = router.resourceFor(task.component(), task.partition());
                return resource.isEmpty() || resource.get().equals(node.labels().get(TaskRouter.RESOURCE_LABEL));
            }
        };
    }

    private static class LocalityPolicy implements SchedulingPolicy {
        private final String name;

        LocalityPolicy(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public NodeSpec choose(TaskInfo task, List<NodeSpec> candidates) {
            Map<String, Integer> locations = task.inputLocations();
            NodeSpec best = candidates.get(0);
            int bestCount = -1;
            for (NodeSpec node : candidates) {
                int count = locations.getOrDefault(node.name(), 0);
                if (count > bestCount) {
                    best = node;
                    bestCount = count;
                }
            }
            return best;
        }
    }
}
