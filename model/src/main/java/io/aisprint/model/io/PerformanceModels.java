package io.aisprint.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.aisprint.model.PerformanceModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one SPACE4AI-D performance declaration: {@code {model: QTedge, demand: 0.3}}, a bare demand
 * (legacy {@code DemandMatrix}), or {@code [warm, cold]} for FaaS. Shared by the JSON and YAML readers.
 */
final class PerformanceModels {
    private PerformanceModels() {
    }

    static PerformanceModel parse(JsonInput in, JsonNode node, String pointer) {
        if (node.isNumber()) {
            return new PerformanceModel.QueueDemand("QTedge", node.asDouble());
        }
        if (node.isArray() && node.size() == 2) {
            return new PerformanceModel.FaasDemand("PACSLTK",
                    in.number(node.get(0), JsonInput.child(pointer, 0), true, 0),
                    in.number(node.get(1), JsonInput.child(pointer, 1), true, 0));
        }
        if (in.object(node, pointer, true) == null) {
            return null;
        }
        String keyword = in.text(node.get("model"), JsonInput.child(pointer, "model"), true);
        if (keyword == null) {
            return null;
        }
        checkKeys(in, node, pointer, keyword);
        switch (keyword) {
            case "QTedge", "QTcloud", "FAASFIXED":
                return new PerformanceModel.QueueDemand(keyword,
                        in.number(node.get("demand"), JsonInput.child(pointer, "demand"), true, 0));
            case "PACSLTK", "PACSLTKSTATIC":
                return new PerformanceModel.FaasDemand(keyword,
                        in.number(node.get("demandWarm"), JsonInput.child(pointer, "demandWarm"), true, 0),
                        in.number(node.get("demandCold"), JsonInput.child(pointer, "demandCold"), true, 0));
            case "CoreBasedPredictor", "AMLCORE", "LambdaBasedPredictor", "AMLTHROUGHPUT", "MLLIBfaas", "AMLFAAS":
                Map<String, Object> parameters = new LinkedHashMap<>();
                JsonInput.fields(node, (name, value) -> {
                    if (!name.equals("model") && !name.equals("regressor_file")) {
                        parameters.put(name, value.isNumber() ? (Object) value.asDouble() : value.asText());
                    }
                });
                String file = in.text(node.get("regressor_file"), JsonInput.child(pointer, "regressor_file"), true);
                return new PerformanceModel.Regression(keyword, file == null ? "" : file, parameters);
            default:
                in.problem(JsonInput.child(pointer, "model"), "unknown performance model \"" + keyword
                        + "\"; expected one of QTedge, QTcloud, PACSLTK, PACSLTKSTATIC, CoreBasedPredictor, "
                        + "LambdaBasedPredictor, MLLIBfaas, AMLCORE, AMLTHROUGHPUT, AMLFAAS, FAASFIXED");
                return null;
        }
    }

    /**
     * The keys each model takes (placement reference 1.2): a misspelled {@code demandWarm} must not
     * leave a FaaS demand at 0. Regression models keep their extra keys as parameters, so they too
     * take only the ones the tools define.
     */
    private static List<String> keysOf(String keyword) {
        return switch (keyword) {
            case "QTedge", "QTcloud", "FAASFIXED" -> List.of("model", "demand");
            case "PACSLTK", "PACSLTKSTATIC" -> List.of("model", "demandWarm", "demandCold");
            case "CoreBasedPredictor", "AMLCORE", "LambdaBasedPredictor", "AMLTHROUGHPUT" -> List.of("model", "regressor_file", "meanTime");
            case "MLLIBfaas", "AMLFAAS" -> List.of("model", "regressor_file", "demandWarm", "demandCold");
            default -> null;
        };
    }

    private static void checkKeys(JsonInput in, JsonNode node, String pointer, String keyword) {
        List<String> allowed = keysOf(keyword);
        if (allowed != null) {
            JsonInput.fields(node, (name, value) -> {
                // the Python tool's 2022 mask-detection files give a core-based predictor a "demand" no tool reads
                boolean ignored = name.equals("demand") && keyword.equals("CoreBasedPredictor");
                if (!allowed.contains(name) && !ignored) {
                    in.unknownKey(pointer, name, allowed);
                }
            });
        }
    }
}
