package io.aisprint.server;

import io.aisprint.model.Problem;
import io.aisprint.model.ResourceKind;
import io.aisprint.model.SystemSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The validator's full report as JSON, {@code {"valid", "summary", "problems"}}: what
 * {@code aisprint validate --json} prints and {@code GET /api/v1/applications/{id}/validation} answers.
 */
public final class ValidationReport {
    private ValidationReport() {
    }

    /** The report; {@code fileName} rewrites each problem's file (the server shows paths inside the upload). */
    public static Map<String, Object> of(boolean valid, SystemSummary summary, List<Problem> problems, UnaryOperator<String> fileName) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("valid", valid);
        document.put("summary", summary == null ? null : summary(summary));
        List<Map<String, String>> list = new ArrayList<>();
        for (Problem problem : problems) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("file", problem.file() == null ? null : fileName.apply(problem.file()));
            entry.put("location", problem.location());
            entry.put("message", problem.message());
            list.add(entry);
        }
        document.put("problems", list);
        return document;
    }

    public static Map<String, Object> summary(SystemSummary summary) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", summary.name());
        map.put("components", summary.components());
        map.put("deployments", summary.deployments());
        map.put("partitions", summary.partitions());
        map.put("transitions", summary.dagEdges());
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("edge", summary.resources(ResourceKind.EDGE));
        resources.put("vm", summary.resources(ResourceKind.VM));
        resources.put("faas", summary.resources(ResourceKind.FAAS));
        map.put("resources", resources);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (SystemSummary.LayerSummary layer : summary.layers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", layer.name());
            entry.put("kind", layer.kind().name().toLowerCase(Locale.ROOT));
            entry.put("resources", layer.resources());
            layers.add(entry);
        }
        map.put("layers", layers);
        map.put("networkDomains", summary.networkDomains());
        map.put("localConstraints", summary.localConstraints());
        map.put("globalConstraints", summary.globalConstraints());
        map.put("lambda", summary.lambda());
        map.put("time", summary.time());
        map.put("performanceDeclared", summary.performanceDeclared());
        map.put("compatiblePairs", summary.compatiblePairs());
        return map;
    }
}
