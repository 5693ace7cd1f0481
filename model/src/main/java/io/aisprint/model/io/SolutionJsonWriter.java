package io.aisprint.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.model.Component;
import io.aisprint.model.Deployment;
import io.aisprint.model.FaasResource;
import io.aisprint.model.ModelException;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.Placement;
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes a placement in the SPACE4AI-D C++ solution layout:
 * {@code components → deployment → partition → layer → resource}, per-component and per-path
 * response times with their thresholds ({@code null} when unbounded), {@code total_cost} and
 * {@code feasible}. A resource's {@code cost} is its share of the total: n·c·T for edge devices and
 * VMs, c·d_warm·λ·T for a FaaS configuration (charged once, for the first partition placed on it).
 * An infeasible placement is written as {@code {"Lambda": λ, "feasible": false}}, as the C++ tool does.
 */
public final class SolutionJsonWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SolutionJsonWriter() {
    }

    public static ObjectNode toJson(SystemDescription system, Placement placement) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("Lambda", placement.lambda());
        if (!placement.feasible() || placement.components().isEmpty()) {
            root.put("feasible", false);
            return root;
        }
        var application = system.application();
        Map<String, Double> componentLoads = application.dag().componentLoads(placement.lambda());
        Set<String> chargedFaas = new HashSet<>();
        ObjectNode components = root.putObject("components");
        for (Placement.ComponentPlacement componentPlacement : placement.components()) {
            Component component = application.component(componentPlacement.component()).orElseThrow();
            Deployment deployment = component.deployment(componentPlacement.deployment()).orElseThrow();
            ObjectNode componentNode = components.putObject(component.name());
            ObjectNode deploymentNode = componentNode.putObject(deployment.name());
            double load = componentLoads.getOrDefault(component.name(), 0.0);
            for (Placement.PartitionPlacement partitionPlacement : componentPlacement.partitions()) {
                Partition partition = deployment.partition(partitionPlacement.partition()).orElseThrow();
                Resource resource = system.continuum().resource(partitionPlacement.resource()).orElseThrow();
                ObjectNode partitionNode = deploymentNode.putObject(partition.name());
                ObjectNode resourceNode = partitionNode.putObject(resource.layer()).putObject(resource.name());
                resourceNode.put("description", resource.description() == null ? "" : resource.description());
                if (resource instanceof NodeResource node) {
                    int count = placement.instances().getOrDefault(node.name(), 1);
                    resourceNode.put("cost", count * node.cost() * application.time());
                    resourceNode.put("memory", node.memory());
                    resourceNode.put("number", count);
                } else if (resource instanceof FaasResource faas) {
                    double cost = 0.0;
                    if (chargedFaas.add(faas.name())) {
                        var model = system.performance().model(component.name(), partition.name(), faas.name());
                        if (model.isPresent() && model.get() instanceof PerformanceModel.FaasDemand demand) {
                            cost = faas.cost() * demand.demandWarm() * load * application.time();
                        }
                    }
                    resourceNode.put("cost", cost);
                    resourceNode.put("memory", faas.memory());
                    resourceNode.put("idle_time_before_kill", faas.idleTimeBeforeKill());
                    resourceNode.put("transition_cost", faas.transitionCost());
                }
                partitionNode.put("response_time", partitionPlacement.responseTime());
                load *= 1.0 - partition.earlyExitProbability();
            }
            componentNode.put("response_time", componentPlacement.responseTime());
            putLimit(componentNode, "response_time_threshold", componentPlacement.responseTimeLimit());
        }
        ObjectNode paths = root.putObject("global_constraints");
        for (Placement.PathResponse path : placement.paths()) {
            ObjectNode pathNode = paths.putObject(path.name());
            var list = pathNode.putArray("components");
            path.components().forEach(list::add);
            pathNode.put("path_response_time", path.responseTime());
            putLimit(pathNode, "path_response_time_threshold", path.responseTimeLimit());
        }
        root.put("total_cost", placement.totalCost());
        root.put("feasible", true);
        return root;
    }

    public static String toString(SystemDescription system, Placement placement) {
        try {
            return MAPPER.writeValueAsString(toJson(system, placement));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a solution", e);
        }
    }

    /** Writes the solution atomically (temporary file, then rename). */
    public static void write(SystemDescription system, Placement placement, Path target) {
        try {
            AtomicFiles.writeOrThrow(target, toString(system, placement) + "\n");
        } catch (IOException e) {
            throw ModelException.unreadable(target.toString(), "", "cannot write the solution (" + e.getMessage() + ")");
        }
    }

    private static void putLimit(ObjectNode node, String field, double limit) {
        if (Double.isFinite(limit)) {
            node.put(field, limit);
        } else {
            node.putNull(field);
        }
    }
}
