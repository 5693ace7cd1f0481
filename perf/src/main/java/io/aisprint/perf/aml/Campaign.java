package io.aisprint.perf.aml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One aMLLibrary campaign: every technique × hyper-parameter configuration is trained on every
 * hp_selection training part inside every validation training part (× run_num), scored by MAPE on
 * its training rows, its hp_selection rows and its validation rows. A technique's best
 * configuration has the lowest mean hp_selection MAPE; the overall best technique too. Each
 * technique's best configuration is then retrained on all rows (aMLLibrary's final regressors).
 */
public final class Campaign {
    /** Mean metrics of one configuration over all its experiments. */
    public record Scores(double trainMape, double hpMape, double validationMape, double validationRmse,
            double validationR2) {
    }

    /** A technique's outcome: best configuration, its scores, and the model retrained on all rows. */
    public record TechniqueResult(String technique, Map<String, Object> hyperparameters, Scores scores,
            Scores fullData, TrainedModel model, int configurations) {
    }

    /** The campaign's outcome, techniques in config order. */
    public record Result(Map<String, TechniqueResult> techniques, String best, Preparation.Prepared data,
            AmlConfig config) {
    }

    private record Experiment(Technique technique, int config, Splits.Split hp, Splits.Split validation) {
    }

    private record Outcome(double[] train, double[] hp, double[] validation, Map<String, Object> chosen) {
    }

    private final AmlConfig config;
    private final int jobs;

    public Campaign(AmlConfig config, int jobs) {
        this.config = config;
        this.jobs = Math.max(1, jobs);
    }

    /** Runs the campaign; {@code progress} hears (done, total) after each experiment. */
    public Result run(java.util.function.BiConsumer<Integer, Integer> progress) {
        Preparation.Prepared data = Preparation.prepare(config);
        boolean normalize = config.flag("DataPreparation", "normalization");
        boolean hyperopt = "hyperopt".equalsIgnoreCase(config.string("General", "hyperparameter_tuning", "grid"));
        String tuning = config.string("General", "hyperparameter_tuning", "grid");
        if (!hyperopt && !tuning.equalsIgnoreCase("grid") && !tuning.equalsIgnoreCase("GridSearch")) {
            throw config.error("General", "hyperparameter_tuning", "got '" + tuning + "'; expected Hyperopt or grid");
        }
        if (config.has("FeatureSelection", "method")) {
            String method = config.string("FeatureSelection", "method");
            if (!method.equals("SFS") && !method.equals("XGBoost")) {
                throw config.error("FeatureSelection", "method", "got '" + method + "'; expected SFS or XGBoost");
            }
        }
        int evals = (int) config.number("General", "hyperopt_max_evals", 10);
        long seed = (long) config.number("General", "seed", 0);
        int runs = (int) config.number("General", "run_num", 1);
        int folds = (int) config.number("General", "folds", 5);
        double holdOut = config.number("General", "hold_out_ratio", 0.2);
        String validation = config.string("General", "validation");
        String hpSelection = config.string("General", "hp_selection");
        if ((validation.equals("HoldOut") || hpSelection.equals("HoldOut")) && !config.has("General", "hold_out_ratio")) {
            throw config.error("General", "hold_out_ratio", "the key is missing; HoldOut needs it");
        }
        Random random = new Random(seed);
        int[] all = Splits.range(data.y().length);
        List<Technique> techniques = config.stringList("General", "techniques").stream()
                .map(t -> Technique.byName(t).orElseThrow()).toList();
        Map<Technique, SearchSpace> spaces = new LinkedHashMap<>();
        Map<Technique, List<Map<String, Object>>> grids = new LinkedHashMap<>();
        for (Technique t : techniques) {
            SearchSpace space = new SearchSpace(t, config, hyperopt);
            spaces.put(t, space);
            grids.put(t, hyperopt ? List.of(Map.of()) : space.grid());
        }
        List<Experiment> experiments = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            for (Splits.Split v : Splits.of(validation, all, holdOut, folds, data.fixedValidation(), random, config,
                    "validation")) {
                for (Splits.Split h : Splits.of(hpSelection, v.train(), holdOut, folds, null, random, config,
                        "hp_selection")) {
                    for (Technique t : techniques) {
                        for (int c = 0; c < grids.get(t).size(); c++) {
                            experiments.add(new Experiment(t, c, h, v));
                        }
                    }
                }
            }
        }
        FeatureSelection selection = FeatureSelection.of(config, data);
        List<Outcome> outcomes = runAll(experiments, e -> {
            Map<String, Object> hyper = grids.get(e.technique()).get(e.config());
            List<Integer> cols = selection.columns(e.technique(), hyper, e.hp().train());
            return evaluate(data, cols, e, spaces.get(e.technique()), hyper, normalize, hyperopt, evals, seed);
        }, progress);
        Map<String, TechniqueResult> results = new LinkedHashMap<>();
        String best = null;
        double bestHp = Double.POSITIVE_INFINITY;
        for (Technique t : techniques) {
            int configs = grids.get(t).size();
            int bestConfig = -1;
            Scores bestScores = null;
            Map<String, Object> chosen = null;
            for (int c = 0; c < configs; c++) {
                List<Outcome> mine = new ArrayList<>();
                for (int i = 0; i < experiments.size(); i++) {
                    if (experiments.get(i).technique() == t && experiments.get(i).config() == c) {
                        mine.add(outcomes.get(i));
                    }
                }
                Scores s = mean(mine);
                if (bestScores == null || s.hpMape() < bestScores.hpMape()) {
                    bestScores = s;
                    bestConfig = c;
                    // With Hyperopt each experiment tuned its own values; like aMLLibrary, the final
                    // model reuses those of the best experiment instead of tuning again.
                    Outcome bestRun = mine.get(0);
                    for (Outcome o : mine) {
                        if (o.hp()[0] < bestRun.hp()[0]) {
                            bestRun = o;
                        }
                    }
                    chosen = bestRun.chosen();
                }
            }
            Map<String, Object> hyper = hyperopt ? chosen : grids.get(t).get(bestConfig);
            List<Integer> cols = selection.columns(t, hyper, all);
            Fit fit = train(data, cols, all, t, spaces.get(t), hyper, normalize, false, evals, seed);
            double[] predicted = fit.model.predictPrepared(Splits.rows(data.x(), all));
            Scores full = new Scores(Metrics.mape(data.y(), predicted), Metrics.mape(data.y(), predicted),
                    Metrics.mape(data.y(), predicted), Metrics.rmse(data.y(), predicted), Metrics.r2(data.y(), predicted));
            results.put(t.name(), new TechniqueResult(t.name(), hyper, bestScores, full, fit.model,
                    configs));
            if (bestScores.hpMape() < bestHp) {
                bestHp = bestScores.hpMape();
                best = t.name();
            }
        }
        return new Result(results, best, data, config);
    }

    private List<Outcome> runAll(List<Experiment> experiments, java.util.function.Function<Experiment, Outcome> work,
            java.util.function.BiConsumer<Integer, Integer> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            for (Experiment e : experiments) {
                futures.add(pool.submit(() -> {
                    Outcome o = work.apply(e);
                    progress.accept(done.incrementAndGet(), experiments.size());
                    return o;
                }));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AmlException a) {
                throw a;
            }
            throw new AmlException("an experiment failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmlException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private record Fit(TrainedModel model, Map<String, Object> hyper) {
    }

    private Fit train(Preparation.Prepared data, List<Integer> cols, int[] rows, Technique t, SearchSpace space,
            Map<String, Object> hyper, boolean normalize, boolean hyperopt, int evals, long seed) {
        double[][] x = project(Splits.rows(data.x(), rows), cols);
        double[] y = Splits.rows(data.y(), rows);
        Scaler xs = normalize ? Scaler.fit(x) : null;
        Scaler ys = normalize ? Scaler.fit(y) : null;
        double[][] xt = normalize ? xs.apply(x) : x;
        double[] yt = normalize ? ys.apply(y) : y;
        Map<String, Object> chosen = new LinkedHashMap<>(hyper);
        if (hyperopt) {
            chosen = new Tpe(space, seed).minimise(evals, h -> -crossValidatedR2(t, xt, yt, h, seed));
        }
        Learner.Fitted fitted = t.learner().fit(xt, yt, chosen, seed);
        List<String> names = cols.stream().map(j -> data.features().get(j)).toList();
        return new Fit(new TrainedModel(t.name(), chosen, data.chain(), names, xs, ys, fitted), chosen);
    }

    /** aMLLibrary's Hyperopt objective: mean R² over a 5-fold CV (contiguous folds) of the training rows. */
    private static double crossValidatedR2(Technique t, double[][] x, double[] y, Map<String, Object> hyper, long seed) {
        int k = Math.min(5, x.length);
        double sum = 0;
        int[] all = Splits.range(x.length);
        for (int f = 0; f < k; f++) {
            Splits.Split fold = Splits.contiguous(all, k, f);
            int[] train = fold.train();
            int[] test = fold.test();
            Learner.Fitted m = t.learner().fit(Splits.rows(x, train), Splits.rows(y, train), hyper, seed);
            sum += Metrics.r2(Splits.rows(y, test), m.predict(Splits.rows(x, test)));
        }
        return sum / k;
    }

    private Outcome evaluate(Preparation.Prepared data, List<Integer> cols, Experiment e, SearchSpace space,
            Map<String, Object> hyper, boolean normalize, boolean hyperopt, int evals, long seed) {
        Fit fit = train(data, cols, e.hp().train(), e.technique(), space, hyper, normalize, hyperopt, evals, seed);
        double[] train = score(fit.model, data, e.hp().train());
        double[] hp = score(fit.model, data, e.hp().test());
        double[] validation = score(fit.model, data, e.validation().test());
        return new Outcome(train, hp, validation, fit.hyper);
    }

    private static double[] score(TrainedModel model, Preparation.Prepared data, int[] rows) {
        double[] y = Splits.rows(data.y(), rows);
        double[] p = model.predictPrepared(project(Splits.rows(data.x(), rows), model, data));
        return new double[] {Metrics.mape(y, p), Metrics.rmse(y, p), Metrics.r2(y, p)};
    }

    private static double[][] project(double[][] x, TrainedModel model, Preparation.Prepared data) {
        List<Integer> cols = model.features().stream().map(n -> data.features().indexOf(n)).toList();
        return project(x, cols);
    }

    static double[][] project(double[][] x, List<Integer> cols) {
        if (x.length > 0 && cols.size() == x[0].length) {
            boolean identity = true;
            for (int j = 0; j < cols.size(); j++) {
                identity &= cols.get(j) == j;
            }
            if (identity) {
                return x;
            }
        }
        double[][] out = new double[x.length][cols.size()];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < cols.size(); j++) {
                out[i][j] = x[i][cols.get(j)];
            }
        }
        return out;
    }

    private static Scores mean(List<Outcome> outcomes) {
        double[] s = new double[5];
        for (Outcome o : outcomes) {
            s[0] += o.train()[0];
            s[1] += o.hp()[0];
            s[2] += o.validation()[0];
            s[3] += o.validation()[1];
            s[4] += o.validation()[2];
        }
        int n = outcomes.size();
        return new Scores(s[0] / n, s[1] / n, s[2] / n, s[3] / n, s[4] / n);
    }
}
