package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.cluster.ClusterException;
import io.aisprint.model.ModelException;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.placement.PlacementException;
import io.aisprint.platform.ApplicationManager;
import io.aisprint.platform.LoadProfile;
import io.aisprint.platform.Numbers;
import io.aisprint.platform.PlatformException;
import io.aisprint.platform.ReportWriter;
import io.aisprint.platform.RunListener;
import io.aisprint.platform.RunOptions;
import io.aisprint.platform.RunResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint run APP}: design, run on the embedded continuum under a workload, watch QoS, re-place. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = {
        "Run an application for real on the embedded continuum: design its cheapest placement,",
        "start every resource of the placement as a node in this process, send requests (Poisson",
        "arrivals at λ, or a load profile), measure response times and utilisation, let the",
        "application's QoS rules fire, and re-place at run time (SPACE4AI-R) when a limit is",
        "violated or the load changes. In-flight requests finish where they started.",
        "",
        "Times are application seconds. The continuum replays the application --time-scale times",
        "as fast (0.5: a 60 s run takes about 30 s); measured times are scaled back before they",
        "are shown, so they compare with the limits directly.",
        "",
        "Without --lambda or --load-profile the workload is APP/load_profile.csv when it exists,",
        "else the application's own λ.",
        "",
        "With --join the run uses cluster workers ('aisprint worker --labels resource=R') instead:",
        "the design uses only resources with live workers, every partition runs on a worker of its",
        "resource, hops are real transfers and times are measured on the workers (real time, time",
        "scale 1). Requests of a lost worker run again on live ones (requests_retried).",
    },
    footer = {
        "",
        "Examples:",
        "  aisprint run examples/mask-detection",
        "  aisprint run examples/mask-detection --lambda 3 --duration 30",
        "  aisprint run examples/mask-detection --load-profile my-profile.csv --report out/ --json",
        "  aisprint run examples/mask-detection --join 127.0.0.1:47500..47509 --duration 40",
        "",
        "Load profile: CSV lines 'time_s,lambda' (a header and # comments allowed), first time 0.",
        "Report: DIR/summary.json and DIR/report.html (charts of response times against limits,",
        "load, cost and utilisation, and the placement timeline).",
        "",
        "Exit codes: 0 the run finished, 1 invalid or infeasible application or options,",
        "2 unreadable input or usage error.",
    })
public final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_PROFILE = "load_profile.csv";

    @Parameters(index = "0", paramLabel = "APP", description = "application directory or system description JSON")
    Path app;

    private static final double MAX_DURATION = 86_400;
    private static final double MIN_TIME_SCALE = 0.01;
    private static final double MAX_TIME_SCALE = 100;

    @Option(names = "--lambda", paramLabel = "L", description = "constant arrival rate in requests per second")
    Double lambda;

    @Option(names = "--load-profile", paramLabel = "FILE", description = "arrival rate over time (CSV time_s,lambda)")
    Path loadProfile;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "60",
            description = "seconds (application time) during which requests arrive (default: ${DEFAULT-VALUE})")
    double duration;

    @Option(names = "--time-scale", paramLabel = "S", defaultValue = "0.5",
            description = "wall seconds per application second (default: ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--seed", defaultValue = "1", description = "seed of arrivals and service times (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-replan", description = "keep the design-time placement (to compare against re-placement)")
    boolean noReplan;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "aisprint-report",
            description = "where summary.json and report.html go (default: ${DEFAULT-VALUE})")
    Path report;

    @Option(names = "--json", description = "print summary.json on stdout instead of the live view")
    boolean json;

    @CommandLine.Mixin
    JoinOptions cluster = new JoinOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (lambda != null && loadProfile != null) {
            throw new UserFacingException("give --lambda or --load-profile, not both", ExitCodes.USAGE);
        }
        checkOptions();
        SystemDescription system;
        try {
            system = SystemReaders.read(app);
        } catch (ModelException e) {
            throw new UserFacingException(app + ": " + (e.kind() == ModelException.Kind.UNREADABLE ? "unreadable" : "invalid") + ":\n  "
                    + String.join("\n  ", e.problems().stream().map(Object::toString).toList()),
                    e.kind() == ModelException.Kind.UNREADABLE ? ExitCodes.USAGE : ExitCodes.INVALID);
        }
        try {
            String workload;
            LoadProfile profile;
            Path bundled = Files.isDirectory(app) ? app.resolve(DEFAULT_PROFILE) : null;
            if (lambda != null) {
                profile = LoadProfile.constant(lambda);
                workload = "λ = " + lambda + " req/s (Poisson)";
            } else if (loadProfile != null) {
                if (!Files.isReadable(loadProfile)) {
                    throw new UserFacingException("cannot read the load profile " + loadProfile, ExitCodes.USAGE);
                }
                profile = LoadProfile.read(loadProfile);
                workload = "load profile " + loadProfile;
            } else if (bundled != null && Files.isReadable(bundled)) {
                profile = LoadProfile.read(bundled);
                workload = "load profile " + bundled + " (found in the application directory; --lambda overrides)";
            } else {
                profile = LoadProfile.constant(system.application().lambda());
                workload = "λ = " + system.application().lambda() + " req/s (the application's own)";
            }
            RunOptions options = RunOptions.defaults(profile).withDuration(duration).withTimeScale(timeScale).withSeed(seed)
                    .withReplan(!noReplan);
            if (!json && cluster.given()) {
                out.printf(Locale.ROOT, "aisprint run %s on cluster workers: %s for %.0f s (real time)%n",
                        system.application().name(), workload, duration);
            } else if (!json) {
                out.printf(Locale.ROOT, "aisprint run %s: %s for %.0f s (time scale %.2f: about %.0f s of wall time)%n",
                        system.application().name(), workload, duration, timeScale, duration * timeScale);
                out.flush();
            }
            RunListener view = json ? RunListener.NONE : new RunLiveView(out, system, options);
            RunResult result;
            if (!cluster.given()) {
                result = ApplicationManager.run(system, options, view);
            } else {
                try (ClusterDriver driver = cluster.driver(json ? null : out)) {
                    result = ApplicationManager.runOnCluster(system, options, view, driver);
                }
            }
            ReportWriter.write(result, report);
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(ReportWriter.summary(result)));
            } else {
                printSummary(out, result);
            }
            if (result.backend().stopReason() != null) {
                err.println("error: " + result.backend().stopReason());
                return ExitCodes.INVALID;
            }
            return ExitCodes.OK;
        } catch (ClusterException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (PlatformException | PlacementException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }

    /** Everything the options can get wrong is said before the run starts, not after it. */
    private void checkOptions() {
        if (lambda != null && !(lambda > 0 && Double.isFinite(lambda))) {
            throw new UserFacingException("--lambda must be a positive number of requests per second, not " + lambda, ExitCodes.USAGE);
        }
        if (!(duration > 0 && duration <= MAX_DURATION)) {
            throw new UserFacingException("--duration must be more than 0 and at most " + (long) MAX_DURATION
                + " s (one day of application time), not " + duration, ExitCodes.USAGE);
        }
        if (!(timeScale >= MIN_TIME_SCALE && timeScale <= MAX_TIME_SCALE)) {
            throw new UserFacingException("--time-scale must be between " + MIN_TIME_SCALE + " and " + MAX_TIME_SCALE
                + " wall seconds per application second, not " + timeScale
                + "\nMaybe 0.1 (ten times as fast as real time); below 0.01 the emulated service times fall under the timer's resolution.",
                ExitCodes.USAGE);
        }
        if (Files.exists(report) && !Files.isDirectory(report)) {
            throw new UserFacingException("--report " + report + " is a file; give a folder for summary.json and report.html",
                ExitCodes.USAGE);
        }
    }

    private void printSummary(PrintWriter out, RunResult result) {
        out.println();
        out.printf(Locale.ROOT, "done in %.1f s wall: %d requests in, %d completed, %d failed%s%n", result.wallSeconds(),
                result.requestsIn(), result.requestsCompleted(), result.requestsFailed(),
                result.failureReasons().isEmpty() ? "" : " " + result.failureReasons());
        out.printf(Locale.ROOT, "QoS violated during %.1f s; %d re-placement(s); mean cost %s per hour (owned edge at %.0f %%, see above)%n",
                result.qosViolationSeconds(), result.replacements().size(), Numbers.significant(result.meanCostPerHour()),
                100 * result.options().edgeCostShare());
        out.println("final placement: " + ReportWriter.describe(result.finalPlacement()));
        out.println("report: " + report.resolve(ReportWriter.REPORT) + " and " + report.resolve(ReportWriter.SUMMARY));
        out.flush();
    }
}
