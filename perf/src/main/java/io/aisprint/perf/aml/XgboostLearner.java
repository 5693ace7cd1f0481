package io.aisprint.perf.aml;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * XGBoost through XGBoost4J with the parameters aMLLibrary gives XGBRegressor: squared error,
 * tree_method hist, one thread, n_estimators rounds, learning_rate → eta, lambda, alpha, gamma,
 * max_depth, min_child_weight. The model file holds XGBoost's own binary model (base64).
 */
final class XgboostLearner implements Learner {
    /**
     * One thread per booster, as aMLLibrary runs XGBoost: campaigns parallelise over experiments
     * ({@code -j}), and OpenMP threads spinning on a busy machine cost more than they give.
     */
    static final int THREADS = 1;

    @Override
    public Fitted fit(double[][] x, double[] y, Map<String, Object> hyper, long seed) {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "reg:squarederror");
        params.put("tree_method", "hist");
        params.put("nthread", THREADS);
        params.put("verbosity", 0);
        params.put("seed", seed);
        params.put("eta", Hyper.number(hyper, "learning_rate", 0.3));
        params.put("gamma", Hyper.number(hyper, "gamma", 0));
        params.put("max_depth", Hyper.integer(hyper, "max_depth", 6));
        params.put("min_child_weight", Hyper.number(hyper, "min_child_weight", 1));
        params.put("alpha", Hyper.number(hyper, "alpha", 0));
        params.put("lambda", Hyper.number(hyper, "lambda", 1));
        int rounds = Hyper.integer(hyper, "n_estimators", 100);
        try {
            DMatrix train = matrix(x);
            float[] labels = new float[y.length];
            for (int i = 0; i < y.length; i++) {
                labels[i] = (float) y[i];
            }
            train.setLabel(labels);
            Booster booster = XGBoost.train(train, params, rounds, Map.of(), null, null);
            train.dispose();
            return new XgbFitted(booster);
        } catch (XGBoostError e) {
            throw new AmlException("XGBoost failed: " + e.getMessage());
        }
    }

    static DMatrix matrix(double[][] x) throws XGBoostError {
        int p = x.length == 0 ? 0 : x[0].length;
        float[] flat = new float[x.length * p];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                flat[i * p + j] = (float) x[i][j];
            }
        }
        return new DMatrix(flat, x.length, p, Float.NaN);
    }

    record XgbFitted(Booster booster) implements Fitted {
        @Override
        public double[] predict(double[][] x) {
            try {
                DMatrix m = matrix(x);
                float[][] p;
                synchronized (booster) {
                    p = booster.predict(m);
                }
                m.dispose();
                double[] out = new double[x.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = p[i][0];
                }
                return out;
            } catch (XGBoostError e) {
                throw new AmlException("XGBoost prediction failed: " + e.getMessage());
            }
        }

        @Override
        public ObjectNode save() {
            try {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                node.put("kind", "xgboost");
                node.put("xgboost_model", Base64.getEncoder().encodeToString(booster.toByteArray()));
                return node;
            } catch (XGBoostError e) {
                throw new AmlException("cannot save the XGBoost model: " + e.getMessage());
            }
        }

        static XgbFitted load(ObjectNode node) {
            try {
                return new XgbFitted(XGBoost.loadModel(Base64.getDecoder().decode(node.get("xgboost_model").asText())));
            } catch (XGBoostError | java.io.IOException | IllegalArgumentException e) {
                throw new AmlException("the XGBoost model in the model file is damaged: " + e.getMessage());
            }
        }

        @Override
        public String describe(List<String> features) {
            return "XGBoost booster";
        }
    }
}
