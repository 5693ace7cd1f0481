package io.aisprint.perf.aml;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The techniques of {@code [General] techniques}, their section keys and defaults (aMLLibrary's). */
enum Technique {
    LRRidge(Set.of("alpha"), Map.of("alpha", 0.1), RidgeLearner::new),
    NNLS(Set.of("fit_intercept"), Map.of("fit_intercept", true), NnlsLearner::new),
    Stepwise(Set.of("p_to_add", "p_to_remove", "fit_intercept", "max_iter"),
            Map.of("p_to_add", 0.05, "p_to_remove", 0.1, "fit_intercept", true, "max_iter", 100L), StepwiseLearner::new),
    XGBoost(Set.of("min_child_weight", "gamma", "n_estimators", "learning_rate", "max_depth", "alpha", "lambda"),
            Map.of("learning_rate", 0.1, "max_depth", 100L, "gamma", 0.1, "min_child_weight", 1L, "n_estimators", 100L,
                    "alpha", 0.0, "lambda", 1.0), XgboostLearner::new),
    DecisionTree(Set.of("criterion", "max_depth", "max_features", "min_samples_split", "min_samples_leaf"),
            Map.of("criterion", "squared_error", "max_depth", 3L, "max_features", "auto", "min_samples_split", 0.01,
                    "min_samples_leaf", 0.01), TreeLearners.DecisionTree::new),
    RandomForest(Set.of("n_estimators", "criterion", "max_depth", "max_features", "min_samples_split", "min_samples_leaf"),
            Map.of("n_estimators", 5L, "criterion", "squared_error", "max_depth", 3L, "max_features", "auto",
                    "min_samples_split", 0.1, "min_samples_leaf", 1L), TreeLearners.RandomForest::new),
    SVR(Set.of("C", "epsilon", "gamma", "kernel", "degree"),
            Map.of("C", 0.001, "epsilon", 0.05, "gamma", 1e-7, "kernel", "linear", "degree", 2L), SvrLearner::new),
    NeuralNetwork(Set.of("n_features", "dropouts", "activation", "optimizer", "learning_rate", "loss", "batch_size",
            "epochs"), Map.of("n_features", List.of(10L), "dropouts", 0.0, "activation", "relu", "optimizer", "adam",
            "learning_rate", 0.01, "loss", "mse", "batch_size", 10L, "epochs", 5L), NeuralNetworkLearner::new);

    private final Set<String> keys;
    private final Map<String, Object> defaults;
    private final Supplier<Learner> learner;

    Technique(Set<String> keys, Map<String, Object> defaults, Supplier<Learner> learner) {
        this.keys = keys;
        this.defaults = defaults;
        this.learner = learner;
    }

    static Optional<Technique> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Technique::name).toList();
    }

    Set<String> keys() {
        return keys;
    }

    Map<String, Object> defaults() {
        return defaults;
    }

    Learner learner() {
        return learner.get();
    }
}
