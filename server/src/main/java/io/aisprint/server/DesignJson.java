package io.aisprint.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.model.Placement;
import io.aisprint.placement.DesignResult;
import io.aisprint.placement.MaximumLoad;
import java.util.Locale;

/**
 * The JSON of a placement and of a design result: what {@code aisprint design --json} prints and
 * what {@code GET /api/v1/designs/{id}} answers as {@code result}, written in one place for both.
 */
public final class DesignJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DesignJson() {
    }

    /** A placement: components with their partitions and resources, path response times, instance counts. */
    public static ObjectNode placement(Placement placement) {
        ObjectNode root = JSON.createObjectNode();
        root.put("feasible", placement.feasible());
        root.put("lambda", placement.lambda());
        putNumber(root, "total_cost", placement.totalCost());
        ArrayNode components = root.putArray("components");
        for (Placement.ComponentPlacement component : placement.components()) {
            ObjectNode node = components.addObject();
            node.put("component", component.component());
            node.put("deployment", component.deployment());
            ArrayNode partitions = node.putArray("partitions");
            for (Placement.PartitionPlacement partition : component.partitions()) {
                ObjectNode p = partitions.addObject();
                p.put("partition", partition.partition());
                p.put("resource", partition.resource());
                Integer count = placement.instances().get(partition.resource());
                if (count != null) {
                    p.put("instances", count);
                }
                putNumber(p, "response_time", partition.responseTime());
            }
            putNumber(node, "response_time", component.responseTime());
            putNumber(node, "response_time_limit", component.responseTimeLimit());
        }
        ArrayNode paths = root.putArray("global_constraints");
        for (Placement.PathResponse path : placement.paths()) {
            ObjectNode node = paths.addObject();
            node.put("name", path.name());
            ArrayNode names = node.putArray("components");
            path.components().forEach(names::add);
            putNumber(node, "response_time", path.responseTime());
            putNumber(node, "response_time_limit", path.responseTimeLimit());
        }
        ObjectNode instances = root.putObject("instances");
        placement.instances().forEach(instances::put);
        return root;
    }

    /** A design result: the best placement (or why there is none), proof or lower bound, statistics, the maximum load when asked. */
    public static ObjectNode design(DesignResult result, MaximumLoad.Result load) {
        ObjectNode root;
        if (result.best().isPresent()) {
            root = placement(result.best().get());
        } else {
            root = JSON.createObjectNode();
            root.put("feasible", false);
            root.putNull("total_cost");
            root.putArray("components");
            root.putArray("global_constraints");
        }
        root.put("proved_optimal", result.provedOptimal());
        putNumber(root, "lower_bound", result.lowerBound());
        root.put("elapsed_s", result.statistics().elapsedSeconds());
        root.put("method", result.statistics().method().name().toLowerCase(Locale.ROOT));
        ObjectNode statistics = root.putObject("statistics");
        statistics.put("threads", result.statistics().threads());
        statistics.put("constructions", result.statistics().constructions());
        statistics.put("feasible_constructions", result.statistics().feasibleConstructions());
        statistics.put("move_evaluations", result.statistics().moveEvaluations());
        statistics.put("evaluations", result.statistics().evaluations());
        statistics.put("exact_nodes", result.statistics().exactNodes());
        ArrayNode elite = root.putArray("elite_costs");
        result.elite().forEach(p -> elite.add(p.totalCost()));
        ArrayNode explanation = root.putArray("explanation");
        result.explanation().forEach(explanation::add);
        if (load != null) {
            root.put("max_lambda", load.lambda());
        }
        return root;
    }

    /** A finite number, or JSON null for NaN and infinities (JSON has no such numbers). */
    public static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
