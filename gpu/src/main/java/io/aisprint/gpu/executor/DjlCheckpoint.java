package io.aisprint.gpu.executor;

import ai.djl.Model;
import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.gpu.ErrorCode;
import io.aisprint.gpu.GpuException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoint of {@link DjlTrainingJob}: epochs done, the mean training loss of every epoch
 * so far, the last accuracy, and the sub-folder holding the model parameters written by
 * {@code Model.save}.
 */
public record DjlCheckpoint(int epochsDone, int epochsTotal, List<Double> losses, double accuracy, String parameters) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL_NAME = "mlp";

    public DjlCheckpoint {
        losses = List.copyOf(losses);
    }

    /**
     * A checkpoint folder. The parameters of every save go to a new sub-folder; only then is
     * {@code checkpoint.json} replaced, by an atomic move, to name it. A job killed at any
     * moment leaves the previous checkpoint or the new one, never a mix; older sub-folders
     * are deleted afterwards.
     */
    public record Folder(Path directory) {

        public Path descriptor() {
            return directory.resolve("checkpoint.json");
        }

        public Optional<DjlCheckpoint> read() {
            if (!Files.isRegularFile(descriptor())) {
                return Optional.empty();
            }
            try {
                return Optional.of(JSON.readValue(descriptor().toFile(), DjlCheckpoint.class));
            } catch (IOException e) {
                throw new GpuException(ErrorCode.EXECUTION, "Checkpoint " + descriptor() + " is unreadable: " + e.getMessage(), e);
            }
        }

        void write(Model model, DjlCheckpoint checkpoint) {
            String parameters = String.format("epoch-%04d-%d", checkpoint.epochsDone(), System.nanoTime());
            try {
                Files.createDirectories(directory);
                model.save(directory.resolve(parameters), MODEL_NAME);
                DjlCheckpoint named = new DjlCheckpoint(checkpoint.epochsDone(), checkpoint.epochsTotal(), checkpoint.losses(),
                    checkpoint.accuracy(), parameters);
                Path temporary = directory.resolve("checkpoint.json.tmp");
                JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), named);
                Files.move(temporary, descriptor(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                try (Stream<Path> children = Files.list(directory)) {
                    for (Path old : children.filter(Files::isDirectory).filter(path -> !path.getFileName().toString().equals(parameters)).toList()) {
                        deleteTree(old);
                    }
                }
            } catch (IOException e) {
                throw new GpuException(ErrorCode.EXECUTION, "Cannot write checkpoint in " + directory + ": " + e.getMessage(), e);
            }
        }

        void loadParameters(Model model, DjlCheckpoint checkpoint) {
            try {
                model.load(directory.resolve(checkpoint.parameters()), MODEL_NAME);
            } catch (IOException | MalformedModelException e) {
                throw new GpuException(ErrorCode.EXECUTION, "Cannot load the parameters of checkpoint " + descriptor() + ": " + e.getMessage(), e);
            }
        }

        private static void deleteTree(Path root) throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
