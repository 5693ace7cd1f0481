package io.aisprint.perf.aml;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * aMLLibrary's NeuralNetwork (Keras Sequential: Dense(n_features[i], activation) then
 * Dropout(dropouts[i]) per hidden layer, then Dense(1)) trained with DJL on PyTorch: optimizer adam,
 * sgd or rmsprop at learning_rate, loss mse or mae, batch_size, epochs. The trained weights are
 * stored as plain numbers in the model file and predicted in Java, so prediction needs no engine.
 */
final class NeuralNetworkLearner implements Learner {
    @Override
    public Fitted fit(double[][] x, double[] y, Map<String, Object> hyper, long seed) {
        List<Integer> sizes = sizes(hyper.get("n_features"));
        List<Double> dropouts = dropouts(hyper.get("dropouts"), sizes.size());
        String activation = Hyper.text(hyper, "activation", "relu");
        Dense.check(activation);
        int batch = Math.max(1, Math.min(Hyper.integer(hyper, "batch_size", 10), x.length));
        int epochs = Hyper.integer(hyper, "epochs", 5);
        float rate = (float) Hyper.number(hyper, "learning_rate", 0.01);
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            throw new AmlException("technique NeuralNetwork needs DJL's PyTorch engine, which cannot be loaded here: " + e);
        }
        synchronized (NeuralNetworkLearner.class) {
            engine.setRandomSeed((int) seed);
            int p = x[0].length;
            try (NDManager manager = engine.newBaseManager(); Model model = Model.newInstance("aml-nn")) {
                SequentialBlock block = new SequentialBlock();
                List<Linear> linears = new ArrayList<>();
                for (int i = 0; i < sizes.size(); i++) {
                    Linear dense = Linear.builder().setUnits(sizes.get(i)).build();
                    linears.add(dense);
                    block.add(dense).add(activationBlock(activation));
                    if (dropouts.get(i) > 0) {
                        block.add(Dropout.builder().optRate(dropouts.get(i).floatValue()).build());
                    }
                }
                Linear out = Linear.builder().setUnits(1).build();
                linears.add(out);
                block.add(out);
                model.setBlock(block);
                float[] flat = new float[x.length * p];
                float[] labels = new float[y.length];
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < p; j++) {
                        flat[i * p + j] = (float) x[i][j];
                    }
                    labels[i] = (float) y[i];
                }
                ArrayDataset data = new ArrayDataset.Builder().setData(manager.create(flat, new Shape(x.length, p)))
                        .optLabels(manager.create(labels, new Shape(y.length, 1))).setSampling(batch, true).build();
                Loss loss = switch (Hyper.text(hyper, "loss", "mse")) {
                    case "mse", "mean_squared_error" -> Loss.l2Loss("mse", 2.0f);
                    case "mae", "mean_absolute_error" -> Loss.l1Loss("mae");
                    default -> throw new AmlException("loss '" + hyper.get("loss") + "' is not supported; expected mse or mae");
                };
                Optimizer optimizer = switch (Hyper.text(hyper, "optimizer", "adam")) {
                    case "adam" -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(rate)).build();
                    case "sgd" -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(rate)).build();
                    case "rmsprop" -> Optimizer.rmsprop().optLearningRateTracker(Tracker.fixed(rate)).build();
                    default -> throw new AmlException("optimizer '" + hyper.get("optimizer")
                            + "' is not supported; expected adam, sgd or rmsprop");
                };
                try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(optimizer))) {
                    trainer.initialize(new Shape(batch, p));
                    for (int e = 0; e < epochs; e++) {
                        for (Batch b : trainer.iterateDataset(data)) {
                            try (b; GradientCollector collector = trainer.newGradientCollector()) {
                                NDList predicted = trainer.forward(b.getData(), b.getLabels());
                                collector.backward(trainer.getLoss().evaluate(b.getLabels(), predicted));
                            }
                            trainer.step();
                        }
                    }
                } catch (java.io.IOException | ai.djl.translate.TranslateException e) {
                    throw new AmlException("NeuralNetwork training failed: " + e.getMessage());
                }
                List<Dense> layers = new ArrayList<>();
                for (int i = 0; i < linears.size(); i++) {
                    layers.add(Dense.of(linears.get(i), i + 1 < linears.size() ? activation : "linear"));
                }
                return new Network(layers);
            }
        }
    }

    private static Block activationBlock(String name) {
        return switch (name) {
            case "relu" -> Activation.reluBlock();
            case "tanh" -> Activation.tanhBlock();
            case "sigmoid" -> Activation.sigmoidBlock();
            case "softplus" -> Activation.softPlusBlock();
            default -> new ai.djl.nn.LambdaBlock(list -> list);
        };
    }

    private static List<Integer> sizes(Object value) {
        List<Integer> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                out.add(((Number) o).intValue());
            }
        } else if (value instanceof Number n) {
            out.add(n.intValue());
        }
        if (out.isEmpty() || out.stream().anyMatch(v -> v < 1)) {
            throw new AmlException("n_features '" + value + "' must list positive layer sizes, e.g. [20, 10]");
        }
        return out;
    }

    private static List<Double> dropouts(Object value, int layers) {
        List<Double> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                out.add(((Number) o).doubleValue());
            }
        } else {
            for (int i = 0; i < layers; i++) {
                out.add(value == null ? 0.0 : ((Number) value).doubleValue());
            }
        }
        while (out.size() < layers) {
            out.add(0.0);
        }
        return out;
    }

    /** One dense layer: weights (out × in), bias, activation. */
    record Dense(double[][] w, double[] b, String activation) {
        static void check(String activation) {
            if (!List.of("relu", "tanh", "sigmoid", "softplus", "linear").contains(activation)) {
                throw new AmlException("activation '" + activation
                        + "' is not supported; expected relu, tanh, sigmoid, softplus or linear");
            }
        }

        static Dense of(Linear linear, String activation) {
            NDArray weight = linear.getParameters().get("weight").getArray();
            NDArray bias = linear.getParameters().get("bias").getArray();
            long[] shape = weight.getShape().getShape();
            float[] wf = weight.toFloatArray();
            float[] bf = bias.toFloatArray();
            double[][] w = new double[(int) shape[0]][(int) shape[1]];
            for (int o = 0; o < w.length; o++) {
                for (int i = 0; i < w[o].length; i++) {
                    w[o][i] = wf[o * w[o].length + i];
                }
            }
            double[] b = new double[bf.length];
            for (int o = 0; o < b.length; o++) {
                b[o] = bf[o];
            }
            return new Dense(w, b, activation);
        }

        double[] apply(double[] in) {
            double[] out = new double[b.length];
            for (int o = 0; o < out.length; o++) {
                double v = b[o];
                for (int i = 0; i < in.length; i++) {
                    v += w[o][i] * in[i];
                }
                out[o] = switch (activation) {
                    case "relu" -> Math.max(0, v);
                    case "tanh" -> Math.tanh(v);
                    case "sigmoid" -> 1 / (1 + Math.exp(-v));
                    case "softplus" -> Math.log1p(Math.exp(v));
                    default -> v;
                };
            }
            return out;
        }
    }

    record Network(List<Dense> layers) implements Fitted {
        @Override
        public double[] predict(double[][] x) {
            double[] out = new double[x.length];
            for (int r = 0; r < x.length; r++) {
                double[] h = x[r];
                for (Dense d : layers) {
                    h = d.apply(h);
                }
                out[r] = h[0];
            }
            return out;
        }

        @Override
        public ObjectNode save() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("kind", "neural");
            ArrayNode list = node.putArray("layers");
            for (Dense d : layers) {
                ObjectNode l = list.addObject();
                l.put("activation", d.activation());
                ArrayNode w = l.putArray("weights");
                for (double[] row : d.w()) {
                    ArrayNode r = w.addArray();
                    for (double v : row) {
                        r.add(v);
                    }
                }
                ArrayNode b = l.putArray("bias");
                for (double v : d.b()) {
                    b.add(v);
                }
            }
            return node;
        }

        @Override
        public String describe(List<String> features) {
            return "NeuralNetwork " + layers.stream().map(d -> d.b().length + ":" + d.activation()).toList();
        }
    }

    static Fitted load(ObjectNode node) {
        List<Dense> layers = new ArrayList<>();
        for (JsonNode l : node.get("layers")) {
            JsonNode w = l.get("weights");
            double[][] weights = new double[w.size()][];
            for (int o = 0; o < weights.length; o++) {
                weights[o] = new double[w.get(o).size()];
                for (int i = 0; i < weights[o].length; i++) {
                    weights[o][i] = w.get(o).get(i).asDouble();
                }
            }
            double[] bias = new double[l.get("bias").size()];
            for (int o = 0; o < bias.length; o++) {
                bias[o] = l.get("bias").get(o).asDouble();
            }
            layers.add(new Dense(weights, bias, l.get("activation").asText()));
        }
        return new Network(layers);
    }
}
