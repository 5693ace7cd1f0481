package io.aisprint.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.aisprint.model.Component;
import io.aisprint.model.Dag;
import io.aisprint.model.Deployment;
import io.aisprint.model.Partition;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.PerformanceTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Format G1 (2021) of the SPACE4AI-D system file: a component is one indivisible piece
 * ({@code Components: {c: {memory}}}), compatible with a flat list of resources, with demands in
 * {@code DemandMatrix: {c: {res: demand | [warm, cold]}}} and data sizes in
 * {@code DataTransfer: {c: {next, data_size}}} (or in the DAG entries). Each component becomes one
 * deployment {@value #DEPLOYMENT} of one partition {@value #PARTITION}, as in the later formats.
 */
final class FirstGeneration {
    static final String DEPLOYMENT = "s1";
    static final String PARTITION = "h1";

    private FirstGeneration() {
    }

    static List<Component> components(JsonInput in, JsonNode root, Dag dag) {
        JsonNode section = in.object(root.get("Components"), "/Components", true);
        JsonNode compatibility = in.object(root.get("CompatibilityMatrix"), "/CompatibilityMatrix", true);
        JsonNode transfers = in.object(root.get("DataTransfer"), "/DataTransfer", false);
        JsonNode dagSection = root.get("DirectedAcyclicGraph");
        List<Component> components = new ArrayList<>();
        JsonInput.fields(section, (name, node) -> {
            String pointer = JsonInput.child("/Components", name);
            if (in.object(node, pointer, true) == null) {
                return;
            }
            double memory = in.number(node.get("memory"), JsonInput.child(pointer, "memory"), true, 0);
            Map<String, Double> memoryByResource = new LinkedHashMap<>();
            String compatibilityPointer = JsonInput.child("/CompatibilityMatrix", name);
            JsonNode list = compatibility == null ? null : in.array(compatibility.get(name), compatibilityPointer, true);
            if (list != null) {
                for (int i = 0; i < list.size(); i++) {
                    String resource = in.text(list.get(i), JsonInput.child(compatibilityPointer, i), true);
                    if (resource != null) {
                        memoryByResource.put(resource, memory);
                    }
                }
            }
            List<String> next = dag.successors(name);
            List<Double> sizes = new ArrayList<>();
            Map<String, Double> declared = dataSizes(in, transfers, "/DataTransfer", name);
            if (declared.isEmpty() && dagSection != null) {
                declared = dataSizes(in, dagSection, "/DirectedAcyclicGraph", name);
            }
            for (String successor : next) {
                sizes.add(declared.getOrDefault(successor, 0.0));
            }
            Partition partition = new Partition(PARTITION, 0.0, next, sizes, memoryByResource);
            components.add(new Component(name, List.of(new Deployment(DEPLOYMENT, List.of(partition)))));
        });
        return components;
    }

    private static Map<String, Double> dataSizes(JsonInput in, JsonNode section, String sectionPointer, String component) {
        Map<String, Double> sizes = new LinkedHashMap<>();
        if (section == null || !section.isObject() || !section.has(component)) {
            return sizes;
        }
        String pointer = JsonInput.child(sectionPointer, component);
        JsonNode entry = in.object(section.get(component), pointer, true);
        if (entry == null || !entry.has("data_size")) {
            return sizes;
        }
        JsonNode next = in.array(entry.get("next"), JsonInput.child(pointer, "next"), true);
        JsonNode data = in.array(entry.get("data_size"), JsonInput.child(pointer, "data_size"), true);
        if (next == null || data == null) {
            return sizes;
        }
        if (next.size() != data.size()) {
            in.problem(JsonInput.child(pointer, "data_size"), "has " + data.size() + " values but next has "
                    + next.size() + "; expected one data size per successor");
            return sizes;
        }
        for (int i = 0; i < next.size(); i++) {
            String successor = in.text(next.get(i), JsonInput.child(JsonInput.child(pointer, "next"), i), true);
            double size = in.number(data.get(i), JsonInput.child(JsonInput.child(pointer, "data_size"), i), true, 0);
            if (successor != null) {
                sizes.put(successor, size);
            }
        }
        return sizes;
    }

    static PerformanceTable performance(JsonInput in, JsonNode root) {
        Map<PerformanceTable.Key, PerformanceModel> models = new LinkedHashMap<>();
        JsonNode section = in.object(root.get("DemandMatrix"), "/DemandMatrix", true);
        JsonInput.fields(section, (component, componentNode) -> {
            String componentPointer = JsonInput.child("/DemandMatrix", component);
            if (in.object(componentNode, componentPointer, true) == null) {
                return;
            }
            JsonInput.fields(componentNode, (resource, node) -> {
                String pointer = JsonInput.child(componentPointer, resource);
                PerformanceModel model = null;
                if (node.isArray()) {
                    if (node.size() != 2) {
                        in.problem(pointer, "expected [warm demand, cold demand], found a list of " + node.size());
                    } else {
                        model = new PerformanceModel.FaasDemand("PACSLTK",
                                in.number(node.get(0), JsonInput.child(pointer, 0), true, 0),
                                in.number(node.get(1), JsonInput.child(pointer, 1), true, 0));
                    }
                } else {
                    double demand = in.number(node, pointer, true, Double.NaN);
                    if (!Double.isNaN(demand)) {
                        model = new PerformanceModel.QueueDemand(isCloud(root, resource) ? "QTcloud" : "QTedge", demand);
                    }
                }
                if (model != null) {
                    models.put(new PerformanceTable.Key(component, PARTITION, resource), model);
                }
            });
        });
        return new PerformanceTable(models);
    }

    private static boolean isCloud(JsonNode root, String resource) {
        JsonNode cloud = root.get("CloudResources");
        if (cloud == null || !cloud.isObject()) {
            return false;
        }
        var layers = cloud.elements();
        while (layers.hasNext()) {
            JsonNode layer = layers.next();
            if (layer.isObject() && layer.has(resource)) {
                return true;
            }
        }
        return false;
    }
}
