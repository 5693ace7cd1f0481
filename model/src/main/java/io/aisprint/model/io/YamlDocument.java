package io.aisprint.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aisprint.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed YAML file with the line of every node ({@link SourceLines}), so that problems found
 * after parsing can still name a line ({@code line 12 (/Components/component1/name)}).
 */
final class YamlDocument {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private final Path file;
    private final JsonNode root;
    private final SourceLines lines;

    private YamlDocument(Path file, JsonNode root, SourceLines lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /** Reads a YAML file; an empty file is an empty document (AI-SPRINT templates ship empty files). */
    static YamlDocument read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw ModelException.unreadable(file.toString(), "", "cannot read the file (" + e.getMessage() + ")");
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            return new YamlDocument(file, root == null ? MissingNode.getInstance() : root, SourceLines.of(FACTORY.createParser(text)));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr();
            throw ModelException.unreadable(file.toString(), where, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ModelException.unreadable(file.toString(), "", "cannot read the file (" + e.getMessage() + ")");
        }
    }

    /** A document built by another parser (Python annotations), with its own line map. */
    static YamlDocument of(Path file, JsonNode root, Map<String, Integer> lines) {
        return new YamlDocument(file, root, new SourceLines(new HashMap<>(lines)));
    }

    Path file() {
        return file;
    }

    JsonNode root() {
        return root;
    }

    /** "line N (pointer)" for a pointer, falling back to its nearest ancestor's line. */
    String location(String pointer) {
        return lines.location(pointer);
    }
}
