package io.aisprint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.gpu.EpochTimeModel;
import io.aisprint.gpu.ErrorCode;
import io.aisprint.gpu.Experiments;
import io.aisprint.gpu.GanttChart;
import io.aisprint.gpu.GpuException;
import io.aisprint.gpu.LiveCluster;
import io.aisprint.gpu.OptimizerOptions;
import io.aisprint.gpu.OptimizerService;
import io.aisprint.gpu.Policies;
import io.aisprint.gpu.Proxy;
import io.aisprint.gpu.ReferenceSetup;
import io.aisprint.gpu.Scenario;
import io.aisprint.gpu.ScenarioFile;
import io.aisprint.gpu.SimulationResult;
import io.aisprint.gpu.Simulator;
import io.aisprint.gpu.WebService;
import io.aisprint.gpu.executor.ProcessExecutor;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aisprint gpu}: schedule deep-learning training jobs on GPU clusters. */
@Command(name = "gpu", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    subcommands = {GpuCommand.Simulate.class, GpuCommand.Schedule.class, GpuCommand.Serve.class, GpuCommand.Submit.class},
    description = {
        "Schedule deep-learning training jobs on GPU clusters: which job runs, on which node, with how",
        "many GPUs (or which share of one), and which waits; minimising energy (private cluster) or VM",
        "cost (cloud) plus weighted tardiness against due dates.",
        "",
        "Methods: G (greedy), RG (randomized greedy), LS (RG + local search), PR (LS + path",
        "relinking) re-plan all jobs at every submission and completion, preempting and migrating",
        "running jobs; FIFO, EDF and PS (priority) are the non-preemptive first-principle baselines.",
    })
public final class GpuCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static UserFacingException userError(GpuException error) {
        int code = error.code() == ErrorCode.EXECUTION ? ExitCodes.USAGE
            : error.code() == ErrorCode.INVALID_INPUT && error.getMessage().startsWith("Cannot read") ? ExitCodes.USAGE : ExitCodes.INVALID;
        return new UserFacingException("" + error.getMessage(), code);
    }

    /** Finds shared/anchors/gpu-scheduler/data above the working directory. */
    static Path defaultData() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            for (Path candidate : List.of(directory.resolve("shared/anchors/gpu-scheduler/data"),
                directory.resolveSibling("shared").resolve("anchors/gpu-scheduler/data"))) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
            directory = directory.getParent();
        }
        throw new UserFacingException("no reference data found; pass --data DIR (the folder with data_2d10d_filtered.csv).", ExitCodes.USAGE);
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Replay a job trace, or the reference setup, through the scheduler and report cost, energy,",
            "tardiness and utilisation per method.",
            "",
            "Examples:",
            "  aisprint gpu simulate --reference --nodes 3..10 --instances 3 --seeds 5",
            "  aisprint gpu simulate --scenario trace.yaml --methods PR,FIFO --gantt gantt.svg",
        })
    static final class Simulate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--scenario", paramLabel = "FILE", description = "Cluster and job trace (YAML or JSON, see docs/gpu.md).")
        Path scenario;

        @Option(names = "--reference", description = "Generate the reference setup (K80x8/M60x8 nodes, exponential arrivals).")
        boolean reference;

        @Option(names = "--data", paramLabel = "DIR", description = "Reference data folder (default: shared/anchors/gpu-scheduler/data found above here).")
        Path data;

        @Option(names = "--nodes", defaultValue = "3", paramLabel = "N|A..B|A,B", description = "Cluster sizes for --reference (default: ${DEFAULT-VALUE}).")
        String nodes;

        @Option(names = "--instances", defaultValue = "1", description = "Instances per size (seeds 1000·(i+1)²; default: ${DEFAULT-VALUE}).")
        int instances;

        @Option(names = "--seeds", defaultValue = "1", description = "Seeds per randomized method (default: ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--setting", defaultValue = "datacenter", description = "datacenter (energy, early stopping) or cloud (VMs); default: ${DEFAULT-VALUE}.")
        String setting;

        @Option(names = "--sharing", description = "Offer GPU fractions (fractions.csv) to jobs whose memory fits.")
        boolean sharing;

        @Option(names = "--methods", defaultValue = "PR,LS,RG,G,FIFO,EDF,PS", split = ",", description = "Methods to compare (default: ${DEFAULT-VALUE}).")
        List<String> methods;

        @Option(names = "--iterations", defaultValue = "100", description = "Randomized-greedy restarts per decision (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--proxy", defaultValue = "full", description = "full (whole remaining cost; ours) or myopic (the reference's); default: ${DEFAULT-VALUE}.")
        String proxy;

        @Option(names = "--early-stop-aware", description = {"Preemptive methods plan each job until a quantile of its early-stopping",
            "distribution (given its progress) and re-plan when it runs past it (reference setup only)."})
        boolean earlyStopAware;

        @Option(names = "--stop-quantile", defaultValue = "0.1", description = "Quantile for --early-stop-aware (default: ${DEFAULT-VALUE}).")
        double stopQuantile;

        @Option(names = "--gantt", paramLabel = "FILE", description = "Write an SVG Gantt chart of the first method's run.")
        Path gantt;

        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                OptimizerOptions options = options(iterations, proxy);
                // Every option is checked before any data is read, so a typo is reported as such
                // (and not as missing reference data on a machine without it).
                ReferenceSetup.Setting chosen = parseSetting(setting);
                List<Integer> sizes = parseSizes(nodes);
                requireAtLeastOne("--instances", instances);
                requireAtLeastOne("--seeds", seeds);
                List<Experiments.Run> runs = new ArrayList<>();
                Scenario firstScenario;
                if (scenario != null) {
                    firstScenario = ScenarioFile.read(scenario);
                    for (String method : methods) {
                        runs.add(new Experiments.Run(firstScenario.nodes().size(), 0, Policies.create(method, options).name(),
                            options.seed(), new Simulator().run(firstScenario, Policies.create(method, options))));
                    }
                } else if (reference) {
                    ReferenceSetup setup = ReferenceSetup.load(data != null ? data : defaultData());
                    io.aisprint.gpu.ManagerOptions ours = earlyStopAware
                        ? io.aisprint.gpu.ManagerOptions.defaults().withEarlyStopping(setup.earlyStopping(), stopQuantile)
                        : io.aisprint.gpu.ManagerOptions.defaults();
                    runs = Experiments.reference(setup, sizes, instances, seeds, methods, chosen, sharing, options, ours);
                    firstScenario = setup.generate(sizes.get(0), ReferenceSetup.instanceSeed(0), chosen, sharing);
                } else {
                    throw new UserFacingException("give --scenario FILE or --reference.", ExitCodes.USAGE);
                }
                if (gantt != null && !runs.isEmpty()) {
                    Experiments.Run first = runs.get(0);
                    java.util.Map<String, Double> dueDates = new java.util.HashMap<>();
                    firstScenario.jobs().forEach(trace -> dueDates.put(trace.job().id(), trace.job().dueDate()));
                    GanttChart.write(gantt, firstScenario.nodes(), first.result().segments(), dueDates,
                        first.method() + ": " + first.result().jobs() + " jobs, cost " + String.format(Locale.ROOT, "%.2f", first.result().totalCost()));
                }
                print(out, runs);
                return ExitCodes.OK;
            } catch (GpuException e) {
                throw userError(e);
            }
        }

        private void print(PrintWriter out, List<Experiments.Run> runs) {
            if (json) {
                ArrayNode array = JSON.createArrayNode();
                for (Experiments.Run run : runs) {
                    SimulationResult r = run.result();
                    ObjectNode node = array.addObject();
                    node.put("nodes", run.nodes()).put("instance", run.instance()).put("method", run.method()).put("seed", run.seed());
                    node.put("totalCost", r.totalCost()).put("gpuCost", r.gpuCost()).put("nodeCost", r.nodeCost())
                        .put("tardinessCost", r.tardinessCost()).put("tardinessSeconds", r.totalTardinessSeconds())
                        .put("energyKwh", Double.isNaN(r.energyKwh()) ? null : r.energyKwh())
                        .put("utilisation", r.utilisation()).put("makespanSeconds", r.makespanSeconds()).put("jobs", r.jobs())
                        .put("lateJobs", r.lateJobs()).put("preemptions", r.preemptions()).put("migrations", r.migrations())
                        .put("meanDecisionMillis", r.meanDecisionMillis()).put("maxDecisionMillis", r.maxDecisionMillis());
                }
                out.println(array.toPrettyString());
                return;
            }
            out.printf(Locale.ROOT, "%5s %4s %-5s %12s %10s %10s %10s %5s %6s %5s %5s %8s%n", "nodes", "inst", "method", "seed",
                "total", "gpu/vm", "tardiness", "late", "util", "pre", "mig", "dec ms");
            for (Experiments.Run run : runs) {
                SimulationResult r = run.result();
                out.printf(Locale.ROOT, "%5d %4d %-5s %12d %10.2f %10.2f %10.2f %5d %6.2f %5d %5d %8.2f%n", run.nodes(), run.instance(),
                    run.method(), run.seed(), r.totalCost(), r.gpuCost() + r.nodeCost(), r.tardinessCost(), r.lateJobs(), r.utilisation(),
                    r.preemptions(), r.migrations(), r.meanDecisionMillis());
            }
        }
    }

    static OptimizerOptions options(int iterations, String proxy) {
        Proxy chosen = switch (proxy.toLowerCase(Locale.ROOT)) {
            case "full" -> Proxy.FULL_HORIZON;
            case "myopic" -> Proxy.MYOPIC;
            default -> throw new UserFacingException("--proxy must be full or myopic, not '" + proxy + "'.", ExitCodes.USAGE);
        };
        if (iterations < 0) {
            throw new UserFacingException("--iterations must be 0 or more.", ExitCodes.USAGE);
        }
        return OptimizerOptions.defaults().withIterations(iterations).withProxy(chosen);
    }

    static void requireAtLeastOne(String option, int value) {
        if (value < 1) {
            throw new UserFacingException(option + " must be 1 or more, not " + value + ".", ExitCodes.USAGE);
        }
    }

    static ReferenceSetup.Setting parseSetting(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "datacenter" -> ReferenceSetup.Setting.DATACENTER;
            case "cloud" -> ReferenceSetup.Setting.CLOUD;
            default -> throw new UserFacingException("--setting must be datacenter or cloud, not '" + setting + "'.", ExitCodes.USAGE);
        };
    }

    static List<Integer> parseSizes(String text) {
        try {
            if (text.contains("..")) {
                String[] bounds = text.split("\\.\\.");
                int from = Integer.parseInt(bounds[0].trim());
                int to = Integer.parseInt(bounds[1].trim());
                List<Integer> sizes = new ArrayList<>();
                for (int n = from; n <= to; n++) {
                    sizes.add(n);
                }
                if (sizes.isEmpty() || from < 1) {
                    throw new NumberFormatException();
                }
                return sizes;
            }
            List<Integer> sizes = Arrays.stream(text.split(",")).map(String::trim).map(Integer::parseInt).toList();
            if (sizes.stream().anyMatch(n -> n < 1)) {
                throw new NumberFormatException();
            }
            return sizes;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new UserFacingException("--nodes '" + text + "' is not N, A..B or A,B,C with sizes of at least 1.", ExitCodes.USAGE);
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Decide once: read a request in the reference web service's format (jobs, nodes, GPUcosts,",
            "currentTime, currentScheduling, method) and print the answer.",
            "",
            "Example: aisprint gpu schedule --request case_01.json",
        })
    static final class Schedule implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--request", required = true, paramLabel = "FILE", description = "The request JSON (a file with a top-level \"request\" is accepted too).")
        Path request;

        @Option(names = "--zone", defaultValue = "Europe/Rome", description = "Time zone of the request's timestamps (default: ${DEFAULT-VALUE}).")
        String zone;

        @Option(names = "--epoch-model", paramLabel = "MODEL", description = {
            "A model from 'aisprint perf train' (best.json) predicting seconds per epoch from gpu_type, gpus and the",
            "job's Features: jobs then may run on configurations they were not profiled on (marked",
            "predicted_seconds_per_epoch in the answer)."})
        Path epochModel;

        @Override
        public Integer call() {
            OptimizerService service = new OptimizerService(ZoneId.of(zone), OptimizerOptions.reference());
            try {
                if (epochModel != null) {
                    service = service.withEpochModel(EpochTimeModel.read(epochModel));
                }
                JsonNode body = OptimizerService.readRequest(request);
                spec.commandLine().getOut().println(service.answer(body).toPrettyString());
                return ExitCodes.OK;
            } catch (GpuException e) {
                spec.commandLine().getOut().println(service.error(e).toPrettyString());
                throw userError(e);
            }
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Run the REST service: POST /optimizer/v5 answers the reference web service's requests. With",
            "--cluster, POST /jobs and GET /jobs run real jobs on the cluster's nodes as local processes",
            "pinned with CUDA_VISIBLE_DEVICES (or rCUDA variables with --rcuda).",
        })
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--cluster", paramLabel = "FILE", description = "Cluster file (nodes and costs as in a scenario; jobs are ignored).")
        Path cluster;

        @Option(names = "--method", defaultValue = "PR", description = "Method of the live cluster (default: ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--work", defaultValue = "runs/gpu", paramLabel = "DIR", description = "Checkpoints and logs of live jobs (default: ${DEFAULT-VALUE}).")
        Path work;

        @Option(names = "--rcuda", description = "Give jobs remote GPUs through RCUDA_DEVICE_COUNT / RCUDA_DEVICE_i (node id as host).")
        boolean rcuda;

        @Override
        public Integer call() throws InterruptedException {
            try {
                LiveCluster live = null;
                if (cluster != null) {
                    Scenario scenario = ScenarioFile.read(cluster);
                    live = new LiveCluster(scenario.nodes(), scenario.costs(), Policies.create(method, OptimizerOptions.defaults().withTimeLimitMillis(800)), work,
                        rcuda ? ProcessExecutor.GpuBinding.RCUDA : ProcessExecutor.GpuBinding.CUDA, Map.of(), Clock.systemUTC());
                }
                WebService service = new WebService(OptimizerService.reference(), live).start(host, port);
                System.err.println("aisprint gpu: listening on http://" + host + ":" + service.port() + " (Ctrl-C to stop)");
                Runtime.getRuntime().addShutdownHook(new Thread(service::close));
                Thread.currentThread().join();
                return ExitCodes.OK;
            } catch (GpuException e) {
                throw userError(e);
            }
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Submit a training job to a running 'aisprint gpu serve --cluster ...'. Without --profile the",
            "job is profiled first on an idle node. Without --command it runs the built-in training job",
            "chosen by --job: 'djl' (an MLP on DJL/PyTorch, CPU natives, offline) or 'java' (a pure-Java",
            "network); in a command, {checkpoint} and {epochs} are filled in.",
            "",
            "Example: aisprint gpu submit --id j1 --epochs 20 --due-in 3600 --priority 3 --profile K80x1=12.5",
        })
    static final class Submit implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", description = "Service URL (default: ${DEFAULT-VALUE}).")
        String server;

        @Option(names = "--id", required = true, description = "Job id.")
        String id;

        @Option(names = "--epochs", required = true, description = "Epochs to train.")
        int epochs;

        @Option(names = "--due-in", required = true, paramLabel = "SECONDS", description = "Due date, in seconds from now.")
        double dueIn;

        @Option(names = "--priority", defaultValue = "1", description = "1 (lowest) to 5 (default: ${DEFAULT-VALUE}).")
        int priority;

        @Option(names = "--profile", split = ",", paramLabel = "TYPExN=SECONDS", description = "Seconds per epoch per configuration, e.g. K80x1=12.5,K80x2=7.")
        Map<String, Double> profile = new LinkedHashMap<>();

        @Option(names = "--application", defaultValue = "", description = "Model name; jobs of one application share profiles.")
        String application;

        @Option(names = "--command", split = " ", description = "Command of the job (default: the built-in training job).")
        List<String> command = new ArrayList<>();

        @Option(names = "--job", defaultValue = "djl", paramLabel = "djl|java",
            description = "Built-in training job when there is no --command (default: ${DEFAULT-VALUE}).")
        String job;

        @Override
        public Integer call() throws InterruptedException {
            if (!job.equalsIgnoreCase("djl") && !job.equalsIgnoreCase("java")) {
                throw new UserFacingException("--job: expected 'djl' or 'java', got '" + job + "'", ExitCodes.USAGE);
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("id", id).put("epochs", epochs).put("dueInSeconds", dueIn).put("priority", priority).put("application", application)
                .put("job", job);
            ObjectNode profileNode = body.putObject("profile");
            profile.forEach(profileNode::put);
            ArrayNode commandNode = body.putArray("command");
            command.forEach(commandNode::add);
            try {
                HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create(server + "/jobs")).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
                spec.commandLine().getOut().println(response.body());
                return response.statusCode() / 100 == 2 ? ExitCodes.OK : ExitCodes.INVALID;
            } catch (IOException | IllegalArgumentException e) {
                throw new UserFacingException("cannot reach " + server + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "\nMaybe start the service with 'aisprint gpu serve --cluster FILE'.", ExitCodes.USAGE);
            }
        }
    }
}
