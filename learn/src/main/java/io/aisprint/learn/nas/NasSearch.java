package io.aisprint.learn.nas;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.data.FashionMnist;
import io.aisprint.learn.data.ImageSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Architecture search under latency and memory limits (POPNAS-style, see docs/learn.md):
 *
 * <ol>
 *   <li>b = 1: every one-block cell is profiled (batch-1 latency measured for real) and each feasible
 *       one trained on a proxy set; the time predictor learns from every profile, the accuracy
 *       predictor from every training.</li>
 *   <li>b → b+1: every child of the trained cells of the last step is scored by both predictors; the
 *       predicted-infeasible are discarded unprofiled and untrained; of the rest the predicted Pareto
 *       front (then the next fronts) gives the children to profile, and the feasible ones to train.</li>
 *   <li>The Pareto front of what was trained (proxy accuracy, measured latency) gives the finalists,
 *       trained on the whole training split with early stopping and scored on the test set.</li>
 * </ol>
 *
 * The random baseline draws cells of 1..maxBlocks blocks instead, profiles them and trains the
 * feasible ones. Both stop the search at {@code searchShare} of the budget.
 */
public final class NasSearch {
    private static final int VALIDATION = 5_000;
    private static final int WARM_UP_RUNS = 20;
    private static final int TIMED_RUNS = 41;

    private final NasSettings settings;
    private final LongSupplier clock;
    private final Consumer<String> progress;
    private final Predictors predictors;
    private final List<NasResult.Candidate> candidates = new ArrayList<>();
    private final Map<Cell, Double> proxyAccuracy = new LinkedHashMap<>();
    private final Map<Cell, Double> localLatency = new LinkedHashMap<>();
    private final Set<Cell> seen = new HashSet<>();
    private final List<Double> predictionErrors = new ArrayList<>();
    private int discarded;
    private int audited;
    private int auditedInfeasible;
    private int surprises;
    private long start;
    private final List<Double> trainingSeconds = new ArrayList<>();

    public NasSearch(NasSettings settings, LongSupplier clock, Consumer<String> progress) {
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
        this.predictors = new Predictors(settings.seed());
    }

    /** Runs the search on the data set; front members' models go under {@code out/models}. */
    public NasResult run(FashionMnist.Splits data, Path out) {
        start = clock.getAsLong();
        long searchEnd = start + (long) (settings.budget().toNanos() * settings.searchShare());
        long end = start + settings.budget().toNanos();
        Random random = new Random(settings.seed());
        int[] order = io.aisprint.learn.nn.DjlNetwork.permutation(data.train().size(), random);
        ImageSet validation = data.train().subset(java.util.Arrays.copyOfRange(order, 0, VALIDATION));
        ImageSet pool = data.train().subset(java.util.Arrays.copyOfRange(order, VALIDATION, order.length));
        ImageSet proxyTrain = pool.head(settings.proxyExamples());
        ImageSet proxyValidation = validation.head(settings.proxyValidation());

        warmUp();
        if (settings.strategy() == NasSettings.Strategy.POPNAS) {
            progressive(proxyTrain, proxyValidation, searchEnd, random);
        } else {
            randomSearch(proxyTrain, proxyValidation, searchEnd, random);
        }
        double searchSeconds = seconds(clock.getAsLong());
        List<NasResult.Member> finalists = finalTraining(pool, validation, data.test(), end, out);
        List<NasResult.Member> front = Pareto.front(finalists, NasResult.Member::accuracy, NasResult.Member::worstMeasured);
        double mape = predictionErrors.isEmpty() ? Double.NaN : predictionErrors.stream().mapToDouble(d -> d).average().orElseThrow();
        double hypervolume = Pareto.hypervolume(front, settings.latencyLimit(), NasResult.Member::accuracy, NasResult.Member::worstMeasured);
        NasResult.Statistics statistics = new NasResult.Statistics(settings.strategy().name().toLowerCase(java.util.Locale.ROOT),
            candidates.size(), proxyAccuracy.size(), discarded, audited, auditedInfeasible, surprises, mape, hypervolume, searchSeconds,
            seconds(clock.getAsLong()), predictors.describeTime());
        return new NasResult(settings, front, candidates, statistics);
    }

    private void progressive(ImageSet train, ImageSet validation, long deadline, Random random) {
        List<Cell> first = Cell.singleBlocks();
        Collections.shuffle(first, random);
        List<Cell> feasible = new ArrayList<>();
        for (Cell cell : first) {
            if (profile(cell, Double.NaN, Double.NaN)) {
                feasible.add(cell);
            }
        }
        if (feasible.isEmpty()) {
            throw noneFeasible();
        }
        trainAll(feasible, train, validation, deadline, 1);
        for (int blocks = 2; blocks <= settings.maxBlocks() && timeLeft(deadline) && predictors.timeReady(); blocks++) {
            int size = blocks - 1;
            List<Cell> parents = proxyAccuracy.keySet().stream().filter(c -> c.size() == size)
                .sorted(Comparator.comparingDouble((Cell c) -> -proxyAccuracy.get(c))).limit(settings.childrenPerStep()).toList();
            record Scored(Cell cell, Architecture architecture, double latency, double accuracy) {
            }
            List<Scored> kept = new ArrayList<>();
            List<Scored> dropped = new ArrayList<>();
            Map<Cell, Double> children = new LinkedHashMap<>();
            for (Cell parent : parents) {
                for (Cell child : parent.children()) {
                    children.merge(child, proxyAccuracy.get(parent), Math::max);
                }
            }
            for (Map.Entry<Cell, Double> entry : children.entrySet()) {
                Cell child = entry.getKey();
                if (!seen.add(child)) {
                    continue;
                }
                Architecture architecture = architecture(child);
                Scored scored = new Scored(child, architecture, predictors.latency(architecture) / settings.slowestSpeed(),
                    predictors.accuracy(child, entry.getValue()));
                if (scored.latency() > settings.latencyLimit() || architecture.memoryMb() > settings.memoryLimitMb()) {
                    dropped.add(scored);
                } else {
                    kept.add(scored);
                }
            }
            discarded += dropped.size();
            audit(dropped.stream().map(Scored::architecture).toList(), random);
            List<Scored> chosen = Pareto.layered(kept, settings.childrenPerStep(), Scored::accuracy, Scored::latency);
            List<Cell> toTrain = new ArrayList<>();
            for (Scored child : chosen) {
                if (profile(child.cell(), child.latency() * settings.slowestSpeed(), child.accuracy())) {
                    toTrain.add(child.cell());
                } else {
                    surprises++;
                }
            }
            progress.accept(String.format("b=%d: %d children, %d discarded by the predictors, %d chosen from the predicted front",
                blocks, children.size(), dropped.size(), chosen.size()));
            trainAll(toTrain, train, validation, deadline, blocks);
        }
    }

    private void randomSearch(ImageSet train, ImageSet validation, long deadline, Random random) {
        int misses = 0;
        while (timeLeft(deadline) && misses < 1000) {
            Cell cell = Cell.random(1 + random.nextInt(settings.maxBlocks()), random);
            if (seen.contains(cell)) {
                misses++;
                continue;
            }
            if (profile(cell, Double.NaN, Double.NaN)) {
                trainAll(List.of(cell), train, validation, deadline, cell.size());
            }
        }
        if (proxyAccuracy.isEmpty() && candidates.stream().noneMatch(NasResult.Candidate::feasible)) {
            throw noneFeasible();
        }
    }

    /** Measures the cell's latency here and records it; true when it meets the limits. */
    private boolean profile(Cell cell, double predictedLocal, double predictedAccuracy) {
        seen.add(cell);
        Architecture architecture = architecture(cell);
        double measured;
        try (Network network = Network.create(architecture, settings.seed())) {
            measured = network.latencySeconds(WARM_UP_RUNS, TIMED_RUNS);
        }
        if (!Double.isNaN(predictedLocal)) {
            predictionErrors.add(Math.abs(predictedLocal - measured) / measured);
        }
        predictors.addProfile(architecture, measured);
        localLatency.put(cell, measured);
        boolean feasible = measured / settings.slowestSpeed() <= settings.latencyLimit() && architecture.memoryMb() <= settings.memoryLimitMb();
        candidates.add(new NasResult.Candidate(cell.toString(), cell.size(), predictedLocal, measured, predictedAccuracy, Double.NaN,
            architecture.memoryMb(), architecture.parameters(), feasible));
        return feasible;
    }

    /** Profiles a seeded sample of the discarded children: how often was discarding right? */
    private void audit(List<Architecture> dropped, Random random) {
        List<Architecture> sample = new ArrayList<>(dropped);
        Collections.shuffle(sample, random);
        for (Architecture architecture : sample.subList(0, Math.min(settings.auditDiscarded(), sample.size()))) {
            try (Network network = Network.create(architecture, settings.seed())) {
                double measured = network.latencySeconds(WARM_UP_RUNS, TIMED_RUNS);
                audited++;
                if (measured / settings.slowestSpeed() > settings.latencyLimit() || architecture.memoryMb() > settings.memoryLimitMb()) {
                    auditedInfeasible++;
                }
            }
        }
    }

    private void trainAll(List<Cell> cells, ImageSet train, ImageSet validation, long deadline, int blocks) {
        for (Cell cell : cells) {
            double typical = trainingSeconds.isEmpty() ? 0 : trainingSeconds.stream().mapToDouble(d -> d).average().orElseThrow();
            if (!proxyAccuracy.isEmpty() && (deadline - clock.getAsLong()) / 1e9 < typical) {
                return;
            }
            Network.Training training;
            try (Network network = Network.create(architecture(cell), settings.seed())) {
                training = network.train(train, validation, 1, 1, settings.batchSize(), new Random(settings.seed()), clock, deadline);
            }
            if (training.outOfTime()) {
                if (proxyAccuracy.isEmpty()) {
                    double perTraining = training.seconds() / Math.max(0.01, training.epochs());
                    throw new LearnException(LearnErrorCode.INVALID_OPTION, String.format(
                        "--budget-minutes %s is too small for one training: the first candidate did %.0f %% of its proxy epoch in the "
                            + "%.0f s the search part of the budget allows (one training takes about %.0f s here). Give at least %.0f minutes.",
                        minutes(), training.epochs() * 100, training.seconds(), perTraining,
                        Math.ceil(3 * perTraining / settings.searchShare() / 60)));
                }
                return;
            }
            trainingSeconds.add(training.seconds());
            proxyAccuracy.put(cell, training.validationAccuracy());
            predictors.addTraining(cell, training.validationAccuracy());
            replaceCandidate(cell, training.validationAccuracy());
            NasResult.Candidate best = bestSoFar();
            progress.accept(String.format("b=%d trained %s: %.4f (%.1f s); best %.4f at %.2f ms; %d trained, %d profiled, %.0f/%.0f s",
                blocks, cell, training.validationAccuracy(), training.seconds(), best.proxyAccuracy(),
                best.measuredLocal() / settings.slowestSpeed() * 1e3, proxyAccuracy.size(), candidates.size(), seconds(clock.getAsLong()),
                settings.budget().toSeconds() * 1.0));
        }
    }

    private List<NasResult.Member> finalTraining(ImageSet pool, ImageSet validation, ImageSet test, long end, Path out) {
        List<NasResult.Candidate> trained = candidates.stream().filter(c -> c.feasible() && !Double.isNaN(c.proxyAccuracy())).toList();
        if (trained.isEmpty()) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--budget-minutes " + minutes() + " left no time to train a candidate.");
        }
        List<NasResult.Candidate> front = Pareto.front(trained, NasResult.Candidate::proxyAccuracy, NasResult.Candidate::measuredLocal);
        List<NasResult.Candidate> finalists = new ArrayList<>(Pareto.spread(front, settings.finalists(), NasResult.Candidate::measuredLocal));
        finalists.sort(Comparator.comparingDouble(NasResult.Candidate::proxyAccuracy).reversed());
        List<NasResult.Member> members = new ArrayList<>();
        for (int i = 0; i < finalists.size(); i++) {
            NasResult.Candidate finalist = finalists.get(i);
            long now = clock.getAsLong();
            if (now >= end) {
                break;
            }
            // The most accurate finalist (trained first) gets two shares of the time left, the others one each:
            // the best member's accuracy is what the search is asked for.
            int shares = finalists.size() - i + (i == 0 ? 1 : 0);
            long deadline = now + (end - now) * (i == 0 ? 2 : 1) / shares;
            Cell cell = Cell.parse(finalist.cell(), "search");
            Architecture architecture = architecture(cell);
            try (Network network = Network.create(architecture, settings.seed())) {
                Network.Training training = network.train(pool, validation, settings.finalEpochs(), 1, settings.batchSize(),
                    new Random(settings.seed() + i), clock, deadline);
                double accuracy = network.accuracy(test);
                double measured = network.latencySeconds(WARM_UP_RUNS, 2 * TIMED_RUNS + 1);
                double predicted = predictors.timeReady() ? predictors.latency(architecture) : finalist.measuredLocal();
                Map<String, Double> measuredPerTarget = new LinkedHashMap<>();
                Map<String, Double> predictedPerTarget = new LinkedHashMap<>();
                for (NasSettings.Target target : settings.targets()) {
                    measuredPerTarget.put(target.name(), measured / target.speed());
                    predictedPerTarget.put(target.name(), predicted / target.speed());
                }
                Path model = null;
                if (out != null) {
                    model = out.resolve("models").resolve("m" + (i + 1));
                    network.save(model);
                    ModelFiles.writeArchitecture(model, architecture);
                }
                NasResult.Member member = new NasResult.Member(cell.toString(), accuracy, training.validationAccuracy(),
                    finalist.proxyAccuracy(), predictedPerTarget, measuredPerTarget, architecture.memoryMb(), architecture.parameters(),
                    training.epochs(), model);
                if (member.worstMeasured() > settings.latencyLimit()) {
                    progress.accept(String.format("finalist %s measured %.2f ms on re-measurement, over the limit: left out", cell,
                        member.worstMeasured() * 1e3));
                    continue;
                }
                members.add(member);
                progress.accept(String.format("final %d/%d %s: test accuracy %.4f after %.1f epochs, %.2f ms measured, %.2f predicted",
                    i + 1, finalists.size(), cell, accuracy, training.epochs(), member.worstMeasured() * 1e3, member.worstPredicted() * 1e3));
            }
        }
        return members;
    }

    private LearnException noneFeasible() {
        NasResult.Candidate fastest = candidates.stream().min(Comparator.comparingDouble(NasResult.Candidate::measuredLocal)).orElseThrow();
        NasResult.Candidate smallest = candidates.stream().min(Comparator.comparingDouble(NasResult.Candidate::memoryMb)).orElseThrow();
        return new LearnException(LearnErrorCode.INFEASIBLE, String.format(
            "No architecture meets the limits (latency %.3f ms on %s, memory %.3f MB): the fastest found, %s, needs %.3f ms there, "
                + "the smallest, %s, %.3f MB. Raise the limits or choose a faster target.", settings.latencyLimit() * 1e3,
            settings.targets().stream().map(NasSettings.Target::name).toList(), settings.memoryLimitMb(), fastest.cell(),
            fastest.measuredLocal() / settings.slowestSpeed() * 1e3, smallest.cell(), smallest.memoryMb()));
    }

    private void replaceCandidate(Cell cell, double accuracy) {
        String text = cell.toString();
        for (int i = candidates.size() - 1; i >= 0; i--) {
            NasResult.Candidate c = candidates.get(i);
            if (c.cell().equals(text)) {
                candidates.set(i, new NasResult.Candidate(c.cell(), c.blocks(), c.predictedLocal(), c.measuredLocal(), c.predictedAccuracy(),
                    accuracy, c.memoryMb(), c.parameters(), c.feasible()));
                return;
            }
        }
    }

    private NasResult.Candidate bestSoFar() {
        return candidates.stream().filter(c -> !Double.isNaN(c.proxyAccuracy()))
            .max(Comparator.comparingDouble(NasResult.Candidate::proxyAccuracy)).orElseThrow();
    }

    private Architecture architecture(Cell cell) {
        return new Architecture(cell, settings.filters(), settings.cellsPerMotif());
    }

    /** One untimed network first: the engine's first calls are slow and would bias the first profile. */
    private void warmUp() {
        try (Network network = Network.create(architecture(Cell.singleBlocks().get(0)), settings.seed())) {
            network.latencySeconds(50, 1);
        }
    }

    private boolean timeLeft(long deadline) {
        return clock.getAsLong() < deadline;
    }

    private double seconds(long now) {
        return (now - start) / 1e9;
    }

    private String minutes() {
        return String.format(java.util.Locale.ROOT, "%.3g", settings.budget().toMillis() / 60_000.0);
    }
}
