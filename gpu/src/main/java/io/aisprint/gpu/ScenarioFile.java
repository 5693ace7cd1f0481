package io.aisprint.gpu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Our YAML (or JSON) format for a cluster and a job trace:
 *
 * <pre>
 * costs:                      # one of: gpuCosts, power, vms
 *   gpuCosts: {K80: {1: 0.56, 2: 1.13}}          # price per hour of n busy GPUs
 *   # power: {TESLA: {1: 530, 2: 700}}  energyPrice: 0.17168  pue: 1.33
 *   # vms: [{name: NC6, gpuType: K80, gpus: 1, price: 0.56}]
 * nodes:
 *   - {id: n1, gpuType: K80, gpus: 8, cost: 0}
 * jobs:
 *   - id: J1
 *     release: 0            # seconds
 *     dueDate: 36000        # seconds
 *     weight: 0.03          # or priority: 1..5
 *     epochs: 100
 *     memoryGb: 4
 *     application: alexnet
 *     profile: {K80x1: 84.7, K80x2: 60.1, K80x0.25: 90}   # seconds per epoch; omit to have it profiled
 *     trueProfile: {...}    # simulation only: what the profiler will measure
 *     stopShare: 0.4        # simulation only: share of the epochs run before early stopping
 * </pre>
 */
public final class ScenarioFile {
    private ScenarioFile() {
    }

    public static Scenario read(Path file) {
        JsonNode root;
        ObjectMapper mapper = file.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        String text;
        try {
            text = Files.readString(file);
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new GpuException(ErrorCode.INVALID_INPUT, file + " line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new GpuException(ErrorCode.INVALID_INPUT, file + " must hold a mapping with costs, nodes and jobs.");
        }
        InputKeys.check(InputKeys.SCENARIO, root, file.toString(), mapper, text);
        String where = file.getFileName().toString();
        CostModel costs = costs(field(root, "costs", where), where + ": costs");
        List<Node> nodes = new ArrayList<>();
        JsonNode nodeList = field(root, "nodes", where);
        Map<String, String> nodeIds = new LinkedHashMap<>();
        for (int i = 0; i < nodeList.size(); i++) {
            JsonNode node = nodeList.get(i);
            String at = where + ": nodes[" + i + "]";
            String id = unique(nodeIds, text(node, "id", at), at, "node");
            nodes.add(new Node(id, text(node, "gpuType", at), (int) number(node, "gpus", at), node.path("cost").asDouble(0)));
        }
        List<Scenario.TraceJob> jobs = new ArrayList<>();
        JsonNode jobList = root.path("jobs");
        Map<String, String> jobIds = new LinkedHashMap<>();
        for (int i = 0; i < jobList.size(); i++) {
            String at = where + ": jobs[" + i + "]";
            unique(jobIds, text(jobList.get(i), "id", at), at, "job");
            jobs.add(job(jobList.get(i), at));
        }
        return new Scenario(nodes, costs, jobs);
    }

    /** An id seen before is refused: two nodes called n1 would be billed and filled as one. */
    private static String unique(Map<String, String> seen, String id, String at, String what) {
        String first = seen.putIfAbsent(id, at);
        if (first != null) {
            throw new GpuException(ErrorCode.INVALID_INPUT, at + ": " + what + " id '" + id + "' is used twice (first at "
                + first.substring(first.indexOf(": ") + 2) + ").\nMaybe give every " + what + " its own id.");
        }
        return id;
    }

    private static Scenario.TraceJob job(JsonNode node, String at) {
        String id = text(node, "id", at);
        at = at + " (" + id + ")";
        double weight = node.has("weight") ? number(node, "weight", at) : Job.weightOfPriority((int) number(node, "priority", at));
        Map<Configuration, Double> profile = profile(node.path("profile"), at + ".profile");
        Map<Configuration, Double> truth = profile(node.path("trueProfile"), at + ".trueProfile");
        Job job = new Job(id, node.path("release").asDouble(0), number(node, "dueDate", at), weight, number(node, "epochs", at),
            profile, node.path("memoryGb").asDouble(0), node.path("application").asText(""), node.path("earlyStop").asText(""));
        if (profile.isEmpty() && truth.isEmpty()) {
            throw new GpuException(ErrorCode.MISSING_PROFILING, at + " has neither profile nor trueProfile.\n"
                + "Maybe add profile: {K80x1: 84.7} (seconds per epoch on one K80).");
        }
        return new Scenario.TraceJob(job, node.path("stopShare").asDouble(1.0), truth);
    }

    /** Parses "K80x2" (2 GPUs) or "K80x0.25" (a quarter of one GPU). */
    public static Configuration configuration(String key, String at) {
        int split = key.lastIndexOf('x');
        if (split <= 0 || split == key.length() - 1) {
            throw new GpuException(ErrorCode.INVALID_INPUT, at + ": configuration '" + key
                + "' is not TYPExCOUNT; expected e.g. K80x2 or K80x0.25.");
        }
        String type = key.substring(0, split);
        String count = key.substring(split + 1);
        try {
            double value = Double.parseDouble(count);
            return value < 1 ? Configuration.shared(type, value) : Configuration.of(type, (int) value);
        } catch (NumberFormatException e) {
            throw new GpuException(ErrorCode.INVALID_INPUT, at + ": '" + count + "' in '" + key + "' is not a GPU count.");
        }
    }

    private static Map<Configuration, Double> profile(JsonNode node, String at) {
        Map<Configuration, Double> profile = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isNumber()) {
                throw new GpuException(ErrorCode.INVALID_INPUT, at + "." + entry.getKey() + ": expected seconds per epoch, got '" + entry.getValue().asText() + "'.");
            }
            profile.put(configuration(entry.getKey(), at), entry.getValue().asDouble());
        }
        return profile;
    }

    private static CostModel costs(JsonNode node, String at) {
        if (node.has("gpuCosts")) {
            return new GpuCostTable(table(node.get("gpuCosts"), at + ".gpuCosts"), Map.of());
        }
        if (node.has("power")) {
            return GpuCostTable.fromWatts(table(node.get("power"), at + ".power"), number(node, "energyPrice", at), node.path("pue").asDouble(1.0));
        }
        if (node.has("vms")) {
            List<VmCatalogue.VmType> types = new ArrayList<>();
            for (int i = 0; i < node.get("vms").size(); i++) {
                JsonNode vm = node.get("vms").get(i);
                String vmAt = at + ".vms[" + i + "]";
                types.add(new VmCatalogue.VmType(text(vm, "name", vmAt), text(vm, "gpuType", vmAt), (int) number(vm, "gpus", vmAt), number(vm, "price", vmAt)));
            }
            return new VmCatalogue(types);
        }
        throw new GpuException(ErrorCode.MISSING_GPU_COSTS, at + " needs one of gpuCosts, power (with energyPrice) or vms.");
    }

    private static Map<String, NavigableMap<Integer, Double>> table(JsonNode node, String at) {
        Map<String, NavigableMap<Integer, Double>> table = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> types = node.fields(); types.hasNext();) {
            Map.Entry<String, JsonNode> type = types.next();
            NavigableMap<Integer, Double> row = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> counts = type.getValue().fields(); counts.hasNext();) {
                Map.Entry<String, JsonNode> count = counts.next();
                try {
                    row.put(Integer.parseInt(count.getKey()), count.getValue().asDouble());
                } catch (NumberFormatException e) {
                    throw new GpuException(ErrorCode.INVALID_INPUT, at + "." + type.getKey() + ": '" + count.getKey() + "' is not a GPU count.");
                }
            }
            table.put(type.getKey(), row);
        }
        return table;
    }

    private static JsonNode field(JsonNode node, String name, String at) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new GpuException(ErrorCode.INVALID_INPUT, at + ": missing '" + name + "'.");
        }
        return value;
    }

    private static String text(JsonNode node, String name, String at) {
        JsonNode value = field(node, name, at);
        return value.asText();
    }

    private static double number(JsonNode node, String name, String at) {
        JsonNode value = field(node, name, at);
        if (!value.isNumber()) {
            throw new GpuException(ErrorCode.INVALID_INPUT, at + ": '" + name + "' must be a number, got '" + value.asText() + "'.");
        }
        return value.asDouble();
    }
}
