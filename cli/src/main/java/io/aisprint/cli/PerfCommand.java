package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisprint.perf.aml.AmlConfig;
import io.aisprint.perf.aml.AmlException;
import io.aisprint.perf.aml.Campaign;
import io.aisprint.perf.aml.CampaignOutput;
import io.aisprint.perf.aml.Frame;
import io.aisprint.perf.aml.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint perf train|predict}: aMLLibrary-compatible performance models. */
@Command(
    name = "perf",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = {
        "Performance models from profiling data, as AI-SPRINT's aMLLibrary builds them: train the",
        "regression techniques of an aMLLibrary campaign file, pick the best by MAPE, predict with it.",
    },
    subcommands = {PerfCommand.Train.class, PerfCommand.Predict.class},
    footer = {
        "",
        "Examples:",
        "  aisprint perf train stereomatch.ini -o out/stereomatch -j 2",
        "  aisprint perf predict out/stereomatch/best.json --input new_rows.csv --mape",
    })
public final class PerfCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "train",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Run an aMLLibrary campaign file unchanged ([General], [DataPreparation], [FeatureSelection],",
            "one section per technique; values are Python literals). Writes the output folder like",
            "aMLLibrary's run.py (results.txt, configuration_enriched.ini, data_preprocessed.csv, one model",
            "per technique and best.json) plus results.json. The folder appears only when complete.",
        },
        footer = {
            "",
            "Example:",
            "  aisprint perf train ../shared/anchors/amllib/configs/faas_test.ini -o out/faas",
            "",
            "Exit codes: 0 trained, 1 invalid campaign or data, 2 unreadable input or usage error.",
        })
    static final class Train implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONFIG.ini", description = "aMLLibrary campaign file")
        Path config;

        @Option(names = {"-o", "--output"}, defaultValue = "output", description = "output folder, must not exist (default: ${DEFAULT-VALUE})")
        Path output;

        @Option(names = {"-j", "--jobs"}, defaultValue = "0",
                description = "experiments trained in parallel (default: 0 = one per core); results do not depend on it")
        int jobs;

        @Option(names = "--json", description = "print results.json to standard output")
        boolean json;

        @Option(names = "--no-progress", description = "do not draw the progress bar on standard error")
        boolean noProgress;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(config)) {
                throw new UserFacingException(config + ": no such campaign file", ExitCodes.USAGE);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            long start = System.nanoTime();
            try {
                CampaignOutput.checkAbsent(output);
                int threads = jobs > 0 ? jobs : Runtime.getRuntime().availableProcessors();
                Campaign.Result result = new Campaign(AmlConfig.read(config), threads)
                        .run(noProgress ? (d, t) -> { } : new ProgressBar(err));
                double seconds = (System.nanoTime() - start) / 1e9;
                CampaignOutput.write(result, output, seconds);
                if (json) {
                    out.println(Files.readString(output.resolve("results.json")));
                    return ExitCodes.OK;
                }
                out.printf(Locale.ROOT, "%-14s %12s %12s %12s %10s %8s%n", "technique", "train MAPE", "hp-sel MAPE",
                        "valid MAPE", "RMSE", "R²");
                for (Campaign.TechniqueResult t : result.techniques().values()) {
                    out.printf(Locale.ROOT, "%-14s %12.6f %12.6f %12.6f %10.4g %8.4f%n", t.technique(), t.scores().trainMape(),
                            t.scores().hpMape(), t.scores().validationMape(), t.scores().validationRmse(),
                            t.scores().validationR2());
                }
                out.printf(Locale.ROOT, "best: %s; models in %s (%.2f s)%n", result.best(), output, seconds);
                return ExitCodes.OK;
            } catch (AmlException e) {
                throw new UserFacingException(e.getMessage(), ExitCodes.INVALID);
            }
        }
    }

    @Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Apply a trained model (best.json or <Technique>.json of a 'perf train' folder) to the raw rows",
            "of a CSV file with the training file's columns: the saved preparation chain is replayed.",
            "Without -o the predictions are printed, one a line.",
        },
        footer = {
            "",
            "Example:",
            "  aisprint perf predict out/faas/best.json --input faas_new.csv -o out/faas-pred --mape",
            "",
            "Exit codes: 0 predicted, 1 invalid model or rows, 2 unreadable input or usage error.",
        })
    static final class Predict implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL", description = "model file written by 'aisprint perf train'")
        Path model;

        @Option(names = "--input", required = true, description = "CSV rows to predict")
        Path input;

        @Option(names = {"-o", "--output"}, description = "folder for prediction.csv (and mape.txt); must not exist")
        Path output;

        @Option(names = {"-m", "--mape"}, description = "also compute the MAPE against the input's target column")
        boolean mape;

        @Option(names = "--json", description = "print predictions (and MAPE) as JSON")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            for (Path p : new Path[] {model, input}) {
                if (!Files.isRegularFile(p)) {
                    throw new UserFacingException(p + ": no such file", ExitCodes.USAGE);
                }
            }
            try {
                TrainedModel trained = TrainedModel.read(model);
                Frame rows = Frame.readCsv(input);
                double[] predicted = trained.predict(rows, input.toString());
                Double error = null;
                if (mape) {
                    if (!rows.has(trained.target()) || !rows.isNumeric(trained.target())) {
                        throw new AmlException(input + ": --mape needs the numeric target column '" + trained.target() + "'");
                    }
                    error = TrainedModel.mape(rows.numeric(trained.target()), predicted);
                }
                PrintWriter out = spec.commandLine().getOut();
                if (output != null) {
                    TrainedModel.writePredictions(output, rows, trained.target(), predicted, error);
                }
                if (json) {
                    var doc = new java.util.LinkedHashMap<String, Object>();
                    doc.put("predictions", predicted);
                    if (error != null) {
                        doc.put("mape", error);
                    }
                    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
                } else if (output == null) {
                    for (double v : predicted) {
                        out.println(v);
                    }
                }
                if (error != null && !json) {
                    out.printf(Locale.ROOT, "MAPE %.6f%n", error);
                }
                return ExitCodes.OK;
            } catch (AmlException e) {
                throw new UserFacingException(e.getMessage(), ExitCodes.INVALID);
            }
        }
    }

    /** A one-line bar on standard error, redrawn at most ten times a second. */
    static final class ProgressBar implements java.util.function.BiConsumer<Integer, Integer> {
        private final PrintWriter err;
        private long last;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void accept(Integer done, Integer total) {
            long now = System.nanoTime();
            if (done < total && now - last < 100_000_000L) {
                return;
            }
            last = now;
            int width = 30;
            int filled = (int) ((long) width * done / Math.max(1, total));
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d experiments", "#".repeat(filled), " ".repeat(width - filled), done, total);
            if (done.equals(total)) {
                err.println();
            }
            err.flush();
        }
    }
}
