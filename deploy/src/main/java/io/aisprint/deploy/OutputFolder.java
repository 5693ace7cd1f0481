package io.aisprint.deploy;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a set of generated files into a folder so that nothing half-written ever appears there:
 * every file is written completely into a private temporary folder next to it first, and only
 * then moved into place (an atomic rename on the same file system).
 */
public final class OutputFolder {
    private OutputFolder() {
    }

    /** Writes {@code relative path → content} under {@code folder}; returns the paths written. */
    public static List<Path> write(Path folder, Map<String, String> files) {
        Path target = folder.toAbsolutePath();
        Path staging = null;
        try {
            Files.createDirectories(target);
            staging = Files.createTempDirectory(target, ".aisprint-deploy-");
            Map<Path, Path> moves = new LinkedHashMap<>();
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path staged = staging.resolve(file.getKey());
                Files.createDirectories(staged.getParent());
                Files.writeString(staged, file.getValue());
                moves.put(staged, target.resolve(file.getKey()));
            }
            for (Map.Entry<Path, Path> move : moves.entrySet()) {
                Files.createDirectories(move.getValue().getParent());
                try {
                    Files.move(move.getKey(), move.getValue(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(move.getKey(), move.getValue(), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return List.copyOf(moves.values());
        } catch (IOException e) {
            throw new DeployException(DeployException.Code.OUTPUT, folder.toString(), "",
                    "cannot write the generated files (" + e.getMessage() + ")");
        } finally {
            deleteQuietly(staging);
        }
    }

    private static void deleteQuietly(Path staging) {
        if (staging == null || !Files.exists(staging)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(staging)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover hidden staging folder is harmless; the generated files are complete or absent
        }
    }
}
