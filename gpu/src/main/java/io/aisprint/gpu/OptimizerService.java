package io.aisprint.gpu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Answers the reference scheduler's web-service requests ({@code POST /optimizer/v5}): jobs
 * with priorities, due dates, epochs and seconds per epoch per (GPU type, count); nodes with
 * free and total GPUs; the GPU cost table; the current time and schedule; the method. The
 * answer has the estimated cost, the estimated rescheduling time and, per scheduled job, its
 * node, GPU count and expected tardiness in hours. Bad requests raise {@link GpuException}
 * with the reference error codes.
 *
 * <p>Compatibility choices: timestamps are read and written in the reference's format
 * ("Tue 21 Jul 2020, 17.56.59") in a configurable zone (the reference used Italian local
 * time); node {@code cost} fields are accepted but not charged, as in the reference's answers;
 * the preemptive methods report the reference's myopic proxy, the baselines the cost of each
 * job alone plus its tardiness.
 */
public final class OptimizerService {
    private static final DateTimeFormatter INPUT = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern("EEE d MMM yyyy, H.m.s")
        .toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter OUTPUT = DateTimeFormatter.ofPattern("EEE dd MMM yyyy, HH.mm.ss", Locale.ENGLISH);

    private final ObjectMapper mapper = new ObjectMapper();
    private final ZoneId zone;
    private final OptimizerOptions options;
    /** Predicts the epoch times a job's profile lacks; null: a job runs only where it was profiled. */
    private final EpochTimeModel epochModel;

    public OptimizerService(ZoneId zone, OptimizerOptions options) {
        this(zone, options, null);
    }

    private OptimizerService(ZoneId zone, OptimizerOptions options, EpochTimeModel epochModel) {
        this.zone = zone;
        this.options = options;
        this.epochModel = epochModel;
    }

    /**
     * This service, with the configurations a job was not profiled on (every GPU type of the
     * nodes with a GPU cost, every GPU count up to the largest node of the type) predicted
     * by {@code model}. The answer marks a job placed on a predicted configuration with
     * {@code predicted_seconds_per_epoch}.
     */
    public OptimizerService withEpochModel(EpochTimeModel model) {
        return new OptimizerService(zone, options, model);
    }

    /** Italian local time, as the reference service, with the reference's myopic proxy. */
    public static OptimizerService reference() {
        return new OptimizerService(ZoneId.of("Europe/Rome"), OptimizerOptions.reference());
    }

    /**
     * The decoded request: the problem, the method and, per job, the seconds per epoch that
     * were predicted rather than profiled.
     */
    public record Request(SchedulingProblem problem, String method, Map<String, Map<Configuration, Double>> predicted) {
        public Request(SchedulingProblem problem, String method) {
            this(problem, method, Map.of());
        }
    }

    public JsonNode answer(JsonNode request) {
        Request decoded = decode(request);
        SchedulingPolicy policy = Policies.create(decoded.method(), options);
        SchedulingProblem problem = decoded.problem();
        Plan plan;
        try {
            plan = policy.schedule(problem);
        } catch (GpuException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GpuException(ErrorCode.OPTIMIZER_FAILURE, "The optimizer failed: " + e.getMessage(), e);
        }
        Proxy reported = policy.preemptive() ? Proxy.MYOPIC : Proxy.FIRST_PRINCIPLE;
        double cost = PlanCost.estimate(problem, plan.assignments(), reported);
        double horizon = PlanCost.horizon(problem, plan.assignments());
        ObjectNode response = mapper.createObjectNode();
        response.put("estimated_cost", cost);
        response.put("estimated_rescheduling_time", format(problem.now() + reschedulingDelay(horizon)));
        ObjectNode jobs = response.putObject("jobs");
        Map<String, JobState> byId = new HashMap<>();
        problem.jobs().forEach(state -> byId.put(state.id(), state));
        new TreeMap<>(plan.assignments()).forEach((id, assignment) -> {
            JobState state = byId.get(id);
            double finish = problem.now() + state.remainingSeconds(assignment.configuration());
            ObjectNode job = jobs.putObject(id);
            job.put("expected_tardiness", Math.max(0, finish - state.job().dueDate()) / 3600.0);
            job.put("nGPUs", assignment.configuration().gpus());
            job.put("node", assignment.nodeId());
            Double predicted = decoded.predicted().getOrDefault(id, Map.of()).get(assignment.configuration());
            if (predicted != null) {
                job.put("predicted_seconds_per_epoch", predicted);
            }
        });
        return response;
    }

    /** The error body of the reference service, plus our message. */
    public JsonNode error(GpuException error) {
        ObjectNode body = mapper.createObjectNode();
        body.put("ERROR CODE", error.code().number());
        body.put("message", error.getMessage());
        return body;
    }

    /**
     * Reads a request file: the request itself, or a recorded case holding it under
     * {@code "request"}. Unknown keys are refused with their line; unreadable files raise an
     * error whose message starts with "Cannot read".
     */
    public static JsonNode readRequest(Path file) {
        ObjectMapper json = new ObjectMapper();
        String text;
        JsonNode body;
        try {
            text = Files.readString(file);
            body = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Cannot read " + file + ": line " + e.getLocation().getLineNr()
                + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (body == null || !body.isObject()) {
            throw new GpuException(ErrorCode.INVALID_INPUT, file + ": expected a JSON object with jobs, nodes, GPUcosts and currentTime.");
        }
        boolean wrapped = body.has("request");
        JsonNode request = wrapped ? body.get("request") : body;
        // A request missing a part is left to decode, which gives it the reference's error code.
        if (Stream.of("jobs", "nodes", "currentTime", "GPUcosts").allMatch(request::hasNonNull)) {
            InputKeys.check(wrapped ? InputKeys.WRAPPED_REQUEST : InputKeys.REQUEST, body, file.toString(), json, text);
        }
        return request;
    }

    public Request decode(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "The request body must be a JSON object.");
        }
        // A missing part keeps the reference's error code; a misspelling of it is named beside it.
        String unknownKeys = InputKeys.unknown(InputKeys.REQUEST, request, "request", mapper, null);
        require(request, "jobs", ErrorCode.MISSING_JOBS, unknownKeys);
        require(request, "nodes", ErrorCode.MISSING_NODES, unknownKeys);
        require(request, "currentTime", ErrorCode.MISSING_CURRENT_TIME, unknownKeys);
        require(request, "GPUcosts", ErrorCode.MISSING_GPU_COSTS, unknownKeys);
        if (!unknownKeys.isEmpty()) {
            throw new GpuException(ErrorCode.INVALID_INPUT, unknownKeys);
        }
        double now = time(request.get("currentTime"), "currentTime");
        GpuCostTable costs = costs(request.get("GPUcosts"));
        JsonNode scheduling = request.path("currentScheduling");

        List<JobState> jobs = new ArrayList<>();
        Map<String, Assignment> running = new HashMap<>();
        Map<String, Integer> runningGpusByNode = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.get("jobs").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            Job job = job(entry.getKey(), entry.getValue());
            jobs.add(new JobState(job, 0));
            JsonNode current = scheduling.path(entry.getKey());
            if (current.isObject() && current.hasNonNull("node") && current.hasNonNull("GPUtype")) {
                int gpus = current.path("nGPUs").asInt(1);
                Assignment assignment = new Assignment(job.id(), current.get("node").asText(), Configuration.of(current.get("GPUtype").asText(), gpus));
                running.put(job.id(), assignment);
                runningGpusByNode.merge(assignment.nodeId(), gpus, Integer::sum);
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.get("nodes").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode node = entry.getValue();
            String type = node.path("GPUtype").asText("");
            int total = node.path("total_nGPUs").asInt(0);
            int free = node.path("free_nGPUs").asInt(total);
            // The jobs of the request that run on the node give their GPUs back to the plan.
            int capacity = Math.min(total, free + runningGpusByNode.getOrDefault(entry.getKey(), 0));
            if (type.isEmpty() || total < 1) {
                throw new GpuException(ErrorCode.INVALID_INPUT, "Node " + entry.getKey()
                    + " needs \"GPUtype\" and \"total_nGPUs\" of at least 1.");
            }
            if (!costs.knows(type, 1)) {
                throw new GpuException(ErrorCode.MISSING_COST_DATA, ErrorCode.MISSING_COST_DATA.referenceMessage()
                    + ": no GPU cost for type " + type + " of node " + entry.getKey() + ".");
            }
            if (capacity >= 1) {
                nodes.add(new Node(entry.getKey(), type, capacity, 0));
            }
        }
        Map<String, Map<Configuration, Double>> predicted = new TreeMap<>();
        if (epochModel != null) {
            List<Configuration> candidates = candidates(request.get("nodes"), costs);
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get(i).job();
                EpochTimeModel.Completion completion = epochModel.complete(job, candidates,
                    features(request.get("jobs").get(job.id()), job.id()));
                if (!completion.predicted().isEmpty()) {
                    jobs.set(i, new JobState(completion.job(), 0));
                    predicted.put(job.id(), completion.predicted());
                }
            }
        }
        for (JobState state : jobs) {
            boolean runnable = state.job().secondsPerEpoch().keySet().stream()
                .anyMatch(configuration -> nodes.stream().anyMatch(node -> node.gpuType().equals(configuration.gpuType())));
            boolean knownType = state.job().secondsPerEpoch().keySet().stream()
                .anyMatch(configuration -> request.get("nodes").findValues("GPUtype").stream()
                    .anyMatch(type -> type.asText().equals(configuration.gpuType())));
            if (!runnable && !knownType) {
                throw new GpuException(ErrorCode.MISSING_PROFILING, ErrorCode.MISSING_PROFILING.referenceMessage()
                    + ": job " + state.id() + " has no profile for any GPU type of the nodes.");
            }
        }
        running.keySet().removeIf(id -> nodes.stream().noneMatch(node -> node.id().equals(running.get(id).nodeId())));
        String method = request.path("method").asText("RG");
        return new Request(new SchedulingProblem(now, jobs, nodes, costs, running), method, predicted);
    }

    /** Every whole-GPU configuration a node of the request offers, on a GPU type the cost table prices. */
    private static List<Configuration> candidates(JsonNode nodes, GpuCostTable costs) {
        Map<String, Integer> largest = new TreeMap<>();
        nodes.fields().forEachRemaining(node -> largest.merge(node.getValue().path("GPUtype").asText(""),
            node.getValue().path("total_nGPUs").asInt(0), Math::max));
        List<Configuration> candidates = new ArrayList<>();
        largest.forEach((type, gpus) -> {
            for (int count = 1; count <= gpus; count++) {
                if (!type.isEmpty() && costs.knows(type, count)) {
                    candidates.add(Configuration.of(type, count));
                }
            }
        });
        return candidates;
    }

    /** A job's {@code Features}: numeric inputs of the epoch-time model ({@code batch_size}, ...). */
    private static Map<String, Double> features(JsonNode job, String id) {
        Map<String, Double> features = new LinkedHashMap<>();
        job.path("Features").fields().forEachRemaining(feature ->
            features.put(feature.getKey(), number(feature.getValue(), "jobs." + id + ".Features." + feature.getKey())));
        return features;
    }

    private Job job(String id, JsonNode job) {
        if (!job.hasNonNull("Deadline") || !job.hasNonNull("Priority")) {
            throw new GpuException(ErrorCode.ZERO_DEADLINE_OR_WEIGHT, ErrorCode.ZERO_DEADLINE_OR_WEIGHT.referenceMessage()
                + ": job " + id + " lacks \"Deadline\" or \"Priority\".");
        }
        int priority = job.get("Priority").asInt(0);
        if (priority < 1 || priority > 5) {
            throw new GpuException(ErrorCode.ZERO_DEADLINE_OR_WEIGHT, ErrorCode.ZERO_DEADLINE_OR_WEIGHT.referenceMessage()
                + ": job " + id + " has Priority " + job.get("Priority").asText() + "; expected 1 (lowest) to 5.");
        }
        double deadline = time(job.get("Deadline"), "jobs." + id + ".Deadline");
        double submission = job.hasNonNull("SubmissionTime") ? time(job.get("SubmissionTime"), "jobs." + id + ".SubmissionTime") : 0;
        double epochs = number(job.path("Epochs"), "jobs." + id + ".Epochs");
        JsonNode profiling = job.path("ProfilingData");
        // With an epoch-time model, a job that was never profiled is predicted everywhere.
        if (!profiling.isObject() || profiling.isEmpty() && epochModel == null) {
            throw new GpuException(ErrorCode.MISSING_PROFILING, ErrorCode.MISSING_PROFILING.referenceMessage()
                + ": job " + id + " has no \"ProfilingData\".");
        }
        Map<Configuration, Double> profile = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> types = profiling.fields(); types.hasNext();) {
            Map.Entry<String, JsonNode> type = types.next();
            for (Iterator<Map.Entry<String, JsonNode>> counts = type.getValue().fields(); counts.hasNext();) {
                Map.Entry<String, JsonNode> count = counts.next();
                String where = "jobs." + id + ".ProfilingData." + type.getKey() + "." + count.getKey();
                int gpus = (int) number(mapper.getNodeFactory().textNode(count.getKey()), where + " (GPU count)");
                profile.put(Configuration.of(type.getKey(), gpus), number(count.getValue(), where));
            }
        }
        return new Job(id, submission, deadline, Job.weightOfPriority(priority), epochs, profile, 0, "", "");
    }

    private static void require(JsonNode request, String field, ErrorCode code, String unknownKeys) {
        if (!request.hasNonNull(field)) {
            throw new GpuException(code, code.referenceMessage() + (unknownKeys.isEmpty() ? "" : ".\n" + unknownKeys));
        }
    }

    private static double number(JsonNode value, String where) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
            throw new GpuException(ErrorCode.INVALID_INPUT, where + ": '" + value.asText() + "' is not a number.");
        }
    }

    private double time(JsonNode value, String where) {
        try {
            return LocalDateTime.parse(value.asText().trim(), INPUT).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new GpuException(ErrorCode.INVALID_INPUT, where + ": '" + value.asText()
                + "' is not a time like \"Tue 21 Jul 2020, 17.56.59\".");
        }
    }

    /**
     * Whole seconds to the next rescheduling: the horizon rounded to hundredths, then cut to
     * whole seconds, which is what the reference's recorded answers show.
     */
    public static double reschedulingDelay(double horizonSeconds) {
        return Math.floor(Math.round(horizonSeconds * 100) / 100.0);
    }

    /** Formats seconds since the epoch like the reference service. */
    public String format(double seconds) {
        return OUTPUT.format(java.time.Instant.ofEpochSecond((long) Math.floor(seconds)).atZone(zone));
    }

    private static GpuCostTable costs(JsonNode table) {
        Map<String, NavigableMap<Integer, Double>> prices = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> types = table.fields(); types.hasNext();) {
            Map.Entry<String, JsonNode> type = types.next();
            NavigableMap<Integer, Double> row = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> counts = type.getValue().fields(); counts.hasNext();) {
                Map.Entry<String, JsonNode> count = counts.next();
                try {
                    row.put(Integer.parseInt(count.getKey()), number(count.getValue(), "GPUcosts." + type.getKey() + "." + count.getKey()));
                } catch (NumberFormatException e) {
                    throw new GpuException(ErrorCode.MISSING_COST_DATA, ErrorCode.MISSING_COST_DATA.referenceMessage()
                        + ": GPUcosts." + type.getKey() + " has GPU count '" + count.getKey() + "'; expected a number.");
                }
            }
            if (row.isEmpty()) {
                throw new GpuException(ErrorCode.MISSING_COST_DATA, ErrorCode.MISSING_COST_DATA.referenceMessage()
                    + ": GPUcosts." + type.getKey() + " is empty.");
            }
            prices.put(type.getKey(), row);
        }
        return new GpuCostTable(prices, Map.of());
    }
}
