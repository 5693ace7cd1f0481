package io.aisprint.learn.fl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A run's result for people and programs: {@link #toJson} is the documented JSON
 * ({@code {"rounds": [{"round", "accuracy", "loss", "seconds", ...}], "final_accuracy", "epsilon"}},
 * ε null without DP); {@link #save}/{@link #load} keep the full record in a file, written atomically.
 */
public final class RunReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {
    }

    public static ObjectNode toJson(RunResult result, double delta) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode rounds = root.putArray("rounds");
        for (RoundRecord record : result.rounds()) {
            ObjectNode round = rounds.addObject();
            round.put("round", record.round());
            round.put("accuracy", record.accuracy());
            round.put("loss", record.loss());
            round.put("seconds", record.seconds());
            round.put("clients", record.accepted().size());
            round.put("sampled", record.sampled().size());
            putEpsilon(round, record.epsilon());
            ArrayNode rejected = round.putArray("rejected");
            record.rejected().forEach(r -> rejected.addObject().put("client", r.client()).put("round", r.round()).put("reason", r.reason()));
        }
        root.put("final_accuracy", result.finalAccuracy());
        putEpsilon(root, result.epsilon());
        if (!Double.isNaN(result.epsilon())) {
            root.put("delta", delta);
        }
        if (result.stoppedEarly() != null) {
            root.put("stopped_early", result.stoppedEarly());
        }
        return root;
    }

    public static String toJsonText(RunResult result, double delta) {
        try {
            return JSON.writeValueAsString(toJson(result, delta));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The human form: one line per round, then the final accuracy (and ε). */
    public static String toText(RunResult result, double delta) {
        StringBuilder text = new StringBuilder();
        for (RoundRecord record : result.rounds()) {
            text.append(FederatedServer.line(record)).append('\n');
        }
        text.append(String.format("final accuracy %.4f", result.finalAccuracy()));
        if (!Double.isNaN(result.epsilon())) {
            text.append(String.format(" epsilon %.4f (delta %s, client level)", result.epsilon(), delta));
        }
        if (result.stoppedEarly() != null) {
            text.append("\nstopped early: ").append(result.stoppedEarly());
        }
        return text.toString();
    }

    private static void putEpsilon(ObjectNode node, double epsilon) {
        if (Double.isNaN(epsilon)) {
            node.putNull("epsilon");
        } else {
            node.put("epsilon", epsilon);
        }
    }

    static void save(RunResult result, Path file) {
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            JSON.writeValue(temporary.toFile(), result);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.RUN_FAILED, "Cannot write the run result " + file + ": " + e.getMessage(), e);
        }
    }

    static RunResult load(Path file) {
        try {
            return JSON.readValue(file.toFile(), RunResult.class);
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.RUN_FAILED, "Cannot read the run result " + file + ": " + e.getMessage(), e);
        }
    }
}
