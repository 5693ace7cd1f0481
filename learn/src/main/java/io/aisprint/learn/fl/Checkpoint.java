package io.aisprint.learn.fl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The server's state after a round, in {@code DIR/server-checkpoint.json}: the global model, the
 * server optimiser's moments and the rounds so far. Written to a temporary file then moved over
 * the old one, so a crash at any moment leaves the previous round's checkpoint or this one,
 * never half of one; a restarted server resumes from the round after it.
 */
record Checkpoint(int round, String model, String parameters, String momentum, String variance, List<RoundRecord> history) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "server-checkpoint.json";

    static Optional<Checkpoint> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Checkpoint.class));
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.CHECKPOINT, "Cannot read the checkpoint " + file + ": " + e.getMessage()
                + "\nMaybe it was written by another version; move it away to start afresh.", e);
        }
    }

    void write(Path directory) {
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, FILE, ".tmp");
            JSON.writeValue(temporary.toFile(), this);
            Files.move(temporary, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.CHECKPOINT, "Cannot write the checkpoint in " + directory + ": " + e.getMessage(), e);
        }
    }
}
