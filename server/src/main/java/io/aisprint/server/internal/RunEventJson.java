package io.aisprint.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.model.Placement;
import io.aisprint.platform.ReportWriter;
import io.aisprint.platform.RunResult;
import io.aisprint.server.DesignJson;
import java.util.Map;

/** The JSON of the live-view events: one per tick, re-placement and re-plan attempt. NaN becomes null. */
final class RunEventJson {
    private RunEventJson() {
    }

    static ObjectNode started(Placement placement, double costPerHour, Map<String, Double> limits, Map<String, java.util.List<String>> paths) {
        ObjectNode node = Json.object();
        node.put("time", 0.0);
        node.put("cost_per_hour", costPerHour);
        node.put("placement_text", ReportWriter.describe(placement));
        node.set("placement", DesignJson.placement(placement));
        ObjectNode limitNode = node.putObject("limits");
        limits.forEach(limitNode::put);
        ObjectNode pathNode = node.putObject("paths");
        paths.forEach((name, components) -> {
            ArrayNode list = pathNode.putArray(name);
            components.forEach(list::add);
        });
        return node;
    }

    static ObjectNode tick(RunResult.TimelinePoint point) {
        ObjectNode node = Json.object();
        node.put("time", point.time());
        DesignJson.putNumber(node, "lambda_target", point.lambdaTarget());
        DesignJson.putNumber(node, "lambda_observed", point.lambdaObserved());
        ObjectNode times = node.putObject("response_times");
        point.responseTimes().forEach((name, stats) -> {
            ObjectNode s = times.putObject(name);
            DesignJson.putNumber(s, "p50", stats.p50());
            DesignJson.putNumber(s, "p95", stats.p95());
            DesignJson.putNumber(s, "mean", stats.mean());
            s.put("count", stats.count());
        });
        ObjectNode utilisation = node.putObject("utilisation");
        point.utilisation().forEach((resource, value) -> DesignJson.putNumber(utilisation, resource, value));
        ObjectNode resources = node.putObject("resources");
        point.resources().forEach(resources::put);
        DesignJson.putNumber(node, "cost_per_hour", point.costPerHour());
        ArrayNode violating = node.putArray("violating");
        point.violating().forEach(violating::add);
        node.put("requests_in", point.requestsIn());
        node.put("completed", point.completed());
        node.put("failed", point.failed());
        node.put("in_flight", point.inFlight());
        node.put("replacements", point.replacements());
        return node;
    }

    static ObjectNode replacement(RunResult.Replacement replacement) {
        ObjectNode node = Json.object();
        node.put("time", replacement.time());
        node.put("reason", replacement.reason());
        DesignJson.putNumber(node, "planned_lambda", replacement.lambda());
        node.put("before", ReportWriter.describe(replacement.before()));
        node.put("after", ReportWriter.describe(replacement.after()));
        node.set("placement", DesignJson.placement(replacement.after()));
        DesignJson.putNumber(node, "cost_per_hour_before", replacement.costPerHourBefore());
        DesignJson.putNumber(node, "cost_per_hour_after", replacement.costPerHourAfter());
        node.put("moves", replacement.moves());
        DesignJson.putNumber(node, "replan_seconds", replacement.replanSeconds());
        return node;
    }

    static ObjectNode replan(RunResult.ReplanAttempt attempt) {
        ObjectNode node = Json.object();
        node.put("time", attempt.time());
        node.put("reason", attempt.reason());
        DesignJson.putNumber(node, "planned_lambda", attempt.lambda());
        node.put("outcome", attempt.outcome());
        DesignJson.putNumber(node, "replan_seconds", attempt.replanSeconds());
        return node;
    }
}
