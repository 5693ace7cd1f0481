package io.aisprint.perf.aml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained regressor with its whole preparation chain, as aMLLibrary's pickled Regressor: raw
 * rows in, predictions in the target's units out. Stored as one JSON file
 * ({@code "format": "aisprint-perf-model/1"}, see docs/perf.md) that needs no Python.
 */
public final class TrainedModel {
    static final String FORMAT = "aisprint-perf-model/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String technique;
    private final Map<String, Object> hyperparameters;
    private final FeatureChain chain;
    private final List<String> columns;
    private final Scaler xScaler;
    private final Scaler yScaler;
    private final Learner.Fitted fitted;

    TrainedModel(String technique, Map<String, Object> hyperparameters, FeatureChain chain, List<String> columns,
            Scaler xScaler, Scaler yScaler, Learner.Fitted fitted) {
        this.technique = technique;
        this.hyperparameters = hyperparameters;
        this.chain = chain;
        this.columns = columns;
        this.xScaler = xScaler;
        this.yScaler = yScaler;
        this.fitted = fitted;
    }

    public String technique() {
        return technique;
    }

    public String target() {
        return chain.y();
    }

    /** The category columns the model one-hot encodes, each with the levels seen in training. */
    public Map<String, List<String>> categories() {
        return chain.oneHot();
    }

    /** The raw input columns the model reads (after renaming back to the file's names). */
    public List<String> features() {
        return columns;
    }

    /** Predictions for every row of a raw data table (same columns as the training file; y may be absent). */
    public double[] predict(Frame raw, String source) {
        return predictPrepared(chain.matrix(raw, columns, source));
    }

    double[] predictPrepared(double[][] x) {
        double[] p = fitted.predict(xScaler == null ? x : xScaler.apply(x));
        return yScaler == null ? p : yScaler.invert(p);
    }

    /** One prediction from named raw values, e.g. {@code {"cores": 4, "lambda": 2.5}}. */
    public double predict(Map<String, Double> values) {
        Map<String, Object> cols = new LinkedHashMap<>();
        values.forEach((k, v) -> cols.put(k, new double[] {v}));
        return predict(new Frame(cols, 1), "the prediction input")[0];
    }

    /**
     * One prediction from named raw values, numbers ({@link Number}) or category names
     * ({@link String}, one-hot encoded with the levels seen in training), e.g.
     * {@code {"gpu_type": "K80", "gpus": 4}}.
     */
    public double predictRow(Map<String, ?> values) {
        Map<String, Object> cols = new LinkedHashMap<>();
        values.forEach((k, v) -> cols.put(k, v instanceof Number n ? new double[] {n.doubleValue()} : new String[] {String.valueOf(v)}));
        return predict(new Frame(cols, 1), "the prediction input")[0];
    }

    String describe() {
        return fitted.describe(columns);
    }

    Map<String, Object> hyperparameters() {
        return hyperparameters;
    }

    ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("technique", technique);
        root.set("hyperparameters", JSON.valueToTree(hyperparameters));
        ObjectNode prep = root.putObject("preparation");
        prep.set("rename_columns", JSON.valueToTree(chain.renames()));
        prep.set("onehot", JSON.valueToTree(chain.oneHot()));
        prep.set("inverse", JSON.valueToTree(chain.inverse()));
        prep.set("log", JSON.valueToTree(chain.log()));
        prep.set("products", JSON.valueToTree(chain.products()));
        prep.put("ernest", chain.ernest());
        prep.set("features", JSON.valueToTree(chain.features()));
        prep.put("y", chain.y());
        root.set("x_columns", JSON.valueToTree(columns));
        if (xScaler != null) {
            ObjectNode s = root.putObject("normalization");
            s.set("x_mean", JSON.valueToTree(xScaler.mean()));
            s.set("x_scale", JSON.valueToTree(xScaler.scale()));
            s.put("y_mean", yScaler.mean()[0]);
            s.put("y_scale", yScaler.scale()[0]);
        }
        root.set("model", fitted.save());
        return root;
    }

    public static TrainedModel read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AmlException("cannot read model file " + file + ": " + e.getMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new AmlException(file + " is not an aisprint performance model (expected \"format\": \"" + FORMAT
                    + "\"; aMLLibrary pickles must be retrained with 'aisprint perf train')");
        }
        try {
            JsonNode prep = root.get("preparation");
            FeatureChain chain = new FeatureChain(
                    JSON.convertValue(prep.get("rename_columns"), JSON.getTypeFactory().constructMapType(Map.class,
                            String.class, String.class)),
                    JSON.convertValue(prep.get("onehot"), JSON.getTypeFactory().constructMapType(LinkedHashMap.class,
                            JSON.getTypeFactory().constructType(String.class),
                            JSON.getTypeFactory().constructCollectionType(List.class, String.class))),
                    strings(prep.get("inverse")), strings(prep.get("log")), products(prep.get("products")),
                    prep.get("ernest").asBoolean(), strings(prep.get("features")), prep.get("y").asText());
            Scaler xs = null;
            Scaler ys = null;
            if (root.has("normalization")) {
                JsonNode s = root.get("normalization");
                xs = new Scaler(JSON.convertValue(s.get("x_mean"), double[].class),
                        JSON.convertValue(s.get("x_scale"), double[].class));
                ys = new Scaler(new double[] {s.get("y_mean").asDouble()}, new double[] {s.get("y_scale").asDouble()});
            }
            ObjectNode model = (ObjectNode) root.get("model");
            Learner.Fitted fitted = switch (model.get("kind").asText()) {
                case "linear" -> LinearFitted.load(model);
                case "xgboost" -> XgboostLearner.XgbFitted.load(model);
                case "tribuo" -> TribuoLearner.TribuoFitted.load(model);
                case "neural" -> NeuralNetworkLearner.load(model);
                default -> throw new AmlException(file + ": unknown model kind '" + model.get("kind").asText() + "'");
            };
            Map<String, Object> hyper = JSON.convertValue(root.get("hyperparameters"),
                    JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
            return new TrainedModel(root.get("technique").asText(), hyper, chain, strings(root.get("x_columns")), xs, ys,
                    fitted);
        } catch (RuntimeException e) {
            if (e instanceof AmlException) {
                throw e;
            }
            throw new AmlException(file + ": damaged model file (" + e + ")");
        }
    }

    /** aMLLibrary's MAPE (a fraction). */
    public static double mape(double[] y, double[] predicted) {
        return Metrics.mape(y, predicted);
    }

    /** prediction.csv (real, pred) and, with a MAPE, mape.txt, into a new folder written atomically. */
    public static void writePredictions(Path out, Frame rows, String target, double[] predicted, Double mape) {
        CampaignOutput.checkAbsent(out);
        try {
            Path parent = out.toAbsolutePath().getParent();
            java.nio.file.Files.createDirectories(parent);
            Path temp = java.nio.file.Files.createTempDirectory(parent, "." + out.getFileName() + ".partial-");
            StringBuilder s = new StringBuilder();
            boolean real = rows.has(target) && rows.isNumeric(target);
            s.append(real ? "real,pred\n" : "pred\n");
            for (int i = 0; i < predicted.length; i++) {
                if (real) {
                    s.append(rows.numeric(target)[i]).append(',');
                }
                s.append(predicted[i]).append('\n');
            }
            java.nio.file.Files.writeString(temp.resolve("prediction.csv"), s);
            if (mape != null) {
                java.nio.file.Files.writeString(temp.resolve("mape.txt"), mape + "\n");
            }
            java.nio.file.Files.move(temp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AmlException("cannot write " + out + ": " + e.getMessage());
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<List<String>> products(JsonNode node) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode p : (ArrayNode) node) {
            out.add(strings(p));
        }
        return out;
    }
}
