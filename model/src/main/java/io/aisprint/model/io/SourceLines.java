package io.aisprint.model.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The line where every value of a JSON or YAML text starts, by JSON pointer, so that a problem
 * found after parsing can still name a line ({@code line 12 (/Components/c1/h1/nxt)}).
 */
final class SourceLines {
    private final Map<String, Integer> lines;

    SourceLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** Walks the token stream of {@code parser} once, recording the line where each value starts. */
    static SourceLines of(JsonParser parser) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (parser) {
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
                String pointer = path.isEmpty() ? "" : path.peekLast();
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
        return new SourceLines(lines);
    }

    /**
     * A locator that shows "line N (pointer)" and parses {@code text} for its lines only when first
     * asked: most files have no problem to place.
     */
    static UnaryOperator<String> lazy(ObjectMapper mapper, String text) {
        SourceLines[] lines = new SourceLines[1];
        return pointer -> {
            if (lines[0] == null) {
                try {
                    lines[0] = of(mapper.createParser(text));
                } catch (IOException e) {
                    lines[0] = new SourceLines(Map.of());
                }
            }
            return lines[0].location(pointer);
        };
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
}
