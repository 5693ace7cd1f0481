package io.aisprint.model.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aisprint.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed YAML file with the line of every node, so that problems found after parsing can still
 * name a line ({@code line 12 (/Components/component1/name)}).
 */
final class YamlDocument {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private final Path file;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlDocument(Path file, JsonNode root, Map<String, Integer> lines) {
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
            return new YamlDocument(file, root == null ? MissingNode.getInstance() : root, lineMap(text));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr();
            throw ModelException.unreadable(file.toString(), where, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ModelException.unreadable(file.toString(), "", "cannot read the file (" + e.getMessage() + ")");
        }
    }

    /** A document built by another parser (Python annotations), with its own line map. */
    static YamlDocument of(Path file, JsonNode root, Map<String, Integer> lines) {
        return new YamlDocument(file, root, new HashMap<>(lines));
    }

    Path file() {
        return file;
    }

    JsonNode root() {
        return root;
    }

    /** "line N (pointer)" for a pointer, falling back to its nearest ancestor's line. */
    String location(String pointer) {
        String current = pointer;
        while (true) {
            Integer line = lines.get(current);
            if (line != null) {
                return "line " + line + " (" + (pointer.isEmpty() ? "/" : pointer) + ")";
            }
            int slash = current.lastIndexOf('/');
            if (slash < 0 || current.isEmpty()) {
                return pointer.isEmpty() ? "" : pointer;
            }
            current = current.substring(0, slash);
        }
    }

    /** Walks the token stream once, recording the line where each value starts. */
    private static Map<String, Integer> lineMap(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<Integer> indexes = new ArrayDeque<>();
            String pendingField = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    pendingField = parser.currentName();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    path.pollLast();
                    indexes.pollLast();
                    continue;
                }
                String pointer = pointerOf(path);
                String child;
                if (pendingField != null) {
                    child = JsonInput.child(pointer, pendingField);
                    pendingField = null;
                } else if (!indexes.isEmpty() && indexes.peekLast() >= 0) {
                    int index = indexes.pollLast();
                    indexes.addLast(index + 1);
                    child = JsonInput.child(pointer, index);
                } else {
                    child = pointer;
                }
                lines.putIfAbsent(child, parser.currentTokenLocation().getLineNr());
                if (token == JsonToken.START_OBJECT) {
                    path.addLast(child);
                    indexes.addLast(-1);
                } else if (token == JsonToken.START_ARRAY) {
                    path.addLast(child);
                    indexes.addLast(0);
                }
            }
        }
        return lines;
    }

    private static String pointerOf(Deque<String> path) {
        return path.isEmpty() ? "" : path.peekLast();
    }
}
