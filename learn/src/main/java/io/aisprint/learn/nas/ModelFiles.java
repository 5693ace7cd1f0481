package io.aisprint.learn.nas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * A saved front member: {@code architecture.json} ({@code cell}, {@code filters},
 * {@code cells_per_motif}) beside DJL's {@code model-0000.params}, so the network can be rebuilt
 * and loaded for inference.
 */
public final class ModelFiles {
    static final String ARCHITECTURE = "architecture.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("cell", "filters", "cells_per_motif", "parameters", "memory_mb");

    private ModelFiles() {
    }

    static void writeArchitecture(Path directory, Architecture architecture) {
        ObjectNode node = JSON.createObjectNode();
        node.put("cell", architecture.cell().toString());
        node.put("filters", architecture.filters());
        node.put("cells_per_motif", architecture.cellsPerMotif());
        node.put("parameters", architecture.parameters());
        node.put("memory_mb", architecture.memoryMb());
        writeAtomically(directory.resolve(ARCHITECTURE), node.toPrettyString());
    }

    /** Reads {@code DIR/architecture.json}; errors name the file and the field. */
    public static Architecture readArchitecture(Path directory) {
        Path file = directory.resolve(ARCHITECTURE);
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.DATA_UNREADABLE, "Cannot read " + file + ": " + e.getMessage());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new LearnException(LearnErrorCode.DATA_INVALID, file + ": unknown key '" + name + "': expected one of " + KEYS + ".");
            }
        }
        if (!node.path("cell").isTextual() || !node.path("filters").isInt() || !node.path("cells_per_motif").isInt()) {
            throw new LearnException(LearnErrorCode.DATA_INVALID, file + ": expected \"cell\" (text), \"filters\" and \"cells_per_motif\" (integers).");
        }
        try {
            return new Architecture(Cell.parse(node.get("cell").asText(), file + " field cell"), node.get("filters").asInt(),
                node.get("cells_per_motif").asInt());
        } catch (IllegalArgumentException e) {
            throw new LearnException(LearnErrorCode.DATA_INVALID, file + ": " + e.getMessage());
        }
    }

    /** Through the project's atomic writer (model's {@code AtomicFiles}), as a learn error when it fails. */
    static void writeAtomically(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            io.aisprint.model.io.AtomicFiles.writeOrThrow(file, text);
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.CHECKPOINT, "Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
