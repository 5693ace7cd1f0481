package io.aisprint.gpu;

import static io.aisprint.model.io.KeySchema.keys;
import static io.aisprint.model.io.KeySchema.list;
import static io.aisprint.model.io.KeySchema.named;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.model.Problem;
import io.aisprint.model.io.KeySchema;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The keys of every GPU input (the reference service's request, our scenario/cluster file, a job
 * posted to the live cluster), checked with the model's {@link KeySchema} so that a misspelled
 * key is refused with the file, line, JSON pointer and the key meant, worded as in every other
 * reader, instead of leaving a deadline or a GPU count at its default.
 */
final class InputKeys {
    private InputKeys() {
    }

    /** {@code POST /optimizer/v5}: GPU types, GPU counts, job and node ids are the user's names. */
    static final KeySchema REQUEST = keys("currentTime", "method", "verbose")
        .with("jobs", named(keys("SubmissionTime", "Deadline", "Priority", "Epochs", "ProfilingData", "Features")))
        .with("nodes", named(keys("GPUtype", "free_nGPUs", "total_nGPUs", "cost")))
        .with("GPUcosts", named(named(KeySchema.FREE)))
        .with("currentScheduling", named(keys("node", "GPUtype", "nGPUs")));

    /** A recorded case of the reference (its request under {@code request}, with its answer beside it). */
    static final KeySchema WRAPPED_REQUEST = keys().with("request", REQUEST)
        .ignoring("case_id", "description_from_source", "expected_response");

    /** A job of a scenario file, and (with {@link #LIVE_JOB}'s extra keys) of {@code POST /jobs}. */
    static final KeySchema SCENARIO_JOB = keys("id", "release", "dueDate", "weight", "priority", "epochs", "profile",
        "trueProfile", "stopShare", "memoryGb", "application", "earlyStop");

    static final KeySchema SCENARIO = keys()
        .with("costs", keys("gpuCosts", "power", "energyPrice", "pue").with("vms", list(keys("name", "gpuType", "gpus", "price"))))
        .with("nodes", list(keys("id", "gpuType", "gpus", "cost")))
        .with("jobs", list(SCENARIO_JOB));

    /** {@code POST /jobs} on the live cluster. */
    static final KeySchema LIVE_JOB = keys("id", "epochs", "dueInSeconds", "weight", "priority", "profile", "command", "job",
        "application");

    /**
     * Refuses {@code root} when it has a key {@code schema} does not allow, listing every such key.
     * {@code text} (what {@code mapper} parsed) gives the lines; null when only the tree is at hand.
     */
    static void check(KeySchema schema, JsonNode root, String file, ObjectMapper mapper, String text) {
        String problems = unknown(schema, root, file, mapper, text);
        if (!problems.isEmpty()) {
            throw new GpuException(ErrorCode.INVALID_INPUT, problems);
        }
    }

    /** The unknown keys under {@code root}, one problem a line; empty when there is none. */
    static String unknown(KeySchema schema, JsonNode root, String file, ObjectMapper mapper, String text) {
        List<Problem> problems = schema.unknownKeys(root, file, mapper, text);
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
