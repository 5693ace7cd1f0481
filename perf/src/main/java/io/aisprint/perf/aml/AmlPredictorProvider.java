package io.aisprint.perf.aml;

import io.aisprint.model.PerformanceModel;
import io.aisprint.perf.spi.RegressionPredictor;
import io.aisprint.perf.spi.RegressionPredictorProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves performance entries ({@code CoreBasedPredictor}, {@code LambdaBasedPredictor},
 * {@code MLLIBfaas}, ...) from models trained by {@code aisprint perf train}. The entry's
 * {@code regressor_file} is tried as written, then with {@code .pickle} replaced by {@code .json};
 * then, under each folder of {@code AISPRINT_PERF_MODELS} / {@code -Daisprint.perf.models}
 * (path-separator list), its trailing path parts (so {@code /Users/x/C2P1.1@VM2_model/best.pickle}
 * is found as {@code ROOT/C2P1.1@VM2_model/best.json}).
 */
public final class AmlPredictorProvider implements RegressionPredictorProvider {
    static final String PROPERTY = "aisprint.perf.models";
    static final String VARIABLE = "AISPRINT_PERF_MODELS";

    @Override
    public Optional<RegressionPredictor> predictor(PerformanceModel.Regression declaration) {
        return locate(declaration.regressorFile()).map(file -> new Cached(TrainedModel.read(file)));
    }

    static Optional<Path> locate(String declared) {
        List<Path> candidates = new ArrayList<>();
        Path path;
        try {
            path = Path.of(declared);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        candidates.add(path);
        candidates.add(asJson(path));
        for (Path root : roots()) {
            for (int from = 0; from < path.getNameCount(); from++) {
                Path tail = path.subpath(from, path.getNameCount());
                candidates.add(root.resolve(tail));
                candidates.add(root.resolve(asJson(tail)));
            }
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json")).findFirst();
    }

    private static Path asJson(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return p.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    private static List<Path> roots() {
        String value = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        List<Path> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    out.add(Path.of(part.strip()));
                }
            }
        }
        return out;
    }

    /** A trained model with a memo of its predictions (the designer asks the same inputs often). */
    static final class Cached implements RegressionPredictor {
        private static final int LIMIT = 100_000;
        private final TrainedModel model;
        private final Map<Map<String, Double>, Double> memo = new ConcurrentHashMap<>();

        Cached(TrainedModel model) {
            this.model = model;
        }

        @Override
        public double predict(Map<String, Double> inputs) {
            Double hit = memo.get(inputs);
            if (hit != null) {
                return hit;
            }
            double value = model.predict(inputs);
            if (memo.size() < LIMIT) {
                memo.put(Map.copyOf(inputs), value);
            }
            return value;
        }
    }
}
