package io.aisprint.gpu.executor;

import io.aisprint.gpu.ErrorCode;
import io.aisprint.gpu.GpuException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;

/**
 * The training job's checkpoint: epochs done, last loss and the model weights, in a small
 * properties file written atomically (temporary file, then an atomic move) so a job killed
 * mid-write never leaves a broken checkpoint.
 */
public record Checkpoint(int epochsDone, int epochsTotal, double loss, double[] weights) {

    public void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("epochsDone", Integer.toString(epochsDone));
        properties.setProperty("epochsTotal", Integer.toString(epochsTotal));
        properties.setProperty("loss", Double.toString(loss));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < weights.length; i++) {
            text.append(i == 0 ? "" : ",").append(weights[i]);
        }
        properties.setProperty("weights", text.toString());
        try {
            StringWriter writer = new StringWriter();
            properties.store(writer, "aisprint training checkpoint");
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, writer.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new GpuException(ErrorCode.EXECUTION, "Cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    public static Optional<Checkpoint> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            String weights = properties.getProperty("weights", "");
            double[] values = weights.isEmpty() ? new double[0] : Arrays.stream(weights.split(",")).mapToDouble(Double::parseDouble).toArray();
            return Optional.of(new Checkpoint(Integer.parseInt(properties.getProperty("epochsDone")),
                Integer.parseInt(properties.getProperty("epochsTotal")), Double.parseDouble(properties.getProperty("loss")), values));
        } catch (IOException | RuntimeException e) {
            throw new GpuException(ErrorCode.EXECUTION, "Checkpoint " + file + " is unreadable: " + e.getMessage(), e);
        }
    }
}
