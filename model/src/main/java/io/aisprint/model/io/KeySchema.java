package io.aisprint.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.model.Problem;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The keys a file format allows, level by level, so that a misspelled key ({@code lamda},
 * {@code local_time_thresh}) is an error naming the line and the nearest allowed key instead of
 * a silently dropped setting. Only keys are checked here; values are the readers' business.
 *
 * <p>A schema is one of: an object with fixed keys (each with the schema of its value), an object
 * whose keys are the user's own names (components, resources) with one schema for every value,
 * a list with one schema for every element, or free (anything goes: vendor blocks we do not read).
 *
 * <p>Public so that the readers of other modules (GPU requests, scenarios) declare their keys the
 * same way and word and place unknown keys as the model's readers do: {@link #unknownKeys}.
 */
public final class KeySchema {
    private enum Kind { FIXED, NAMED, LIST, FREE }

    public static final KeySchema FREE = new KeySchema(Kind.FREE, Map.of(), null, Set.of());

    private final Kind kind;
    private final Map<String, KeySchema> fields;
    private final KeySchema element;
    /** Keys real files carry and no tool reads: accepted, but never offered as what the user meant. */
    private final Set<String> ignored;

    private KeySchema(Kind kind, Map<String, KeySchema> fields, KeySchema element, Set<String> ignored) {
        this.kind = kind;
        this.fields = fields;
        this.element = element;
        this.ignored = ignored;
    }

    /** An object with exactly these keys, whose values are free. */
    public static KeySchema keys(String... names) {
        Map<String, KeySchema> fields = new LinkedHashMap<>();
        for (String name : names) {
            fields.put(name, FREE);
        }
        return new KeySchema(Kind.FIXED, fields, null, Set.of());
    }

    /** This object, also accepting {@code names} (found in real files, read by no tool) without offering them. */
    public KeySchema ignoring(String... names) {
        if (kind != Kind.FIXED) {
            throw new IllegalStateException("only an object with fixed keys ignores keys");
        }
        Set<String> more = new LinkedHashSet<>(ignored);
        more.addAll(List.of(names));
        return new KeySchema(Kind.FIXED, fields, null, Set.copyOf(more));
    }

    /** This object with one more allowed key, whose value follows {@code schema}. */
    public KeySchema with(String name, KeySchema schema) {
        if (kind != Kind.FIXED) {
            throw new IllegalStateException("only an object with fixed keys takes more keys");
        }
        Map<String, KeySchema> more = new LinkedHashMap<>(fields);
        more.put(name, schema);
        return new KeySchema(Kind.FIXED, more, null, ignored);
    }

    /** An object keyed by the user's own names; every value follows {@code schema}. */
    public static KeySchema named(KeySchema schema) {
        return new KeySchema(Kind.NAMED, Map.of(), schema, Set.of());
    }

    /** A list; every element follows {@code schema}. */
    public static KeySchema list(KeySchema schema) {
        return new KeySchema(Kind.LIST, Map.of(), schema, Set.of());
    }

    /**
     * A problem for every key the schema does not allow anywhere under {@code root}, each naming
     * {@code file}, the line and JSON pointer of the key and, when it looks like a typo, the key
     * meant. {@code text} is the source {@code root} was parsed from by {@code mapper} (JSON or
     * YAML), used to find lines only when there is a problem; with {@code text} null the problems
     * carry JSON pointers only (a body already parsed by someone else).
     */
    public List<Problem> unknownKeys(JsonNode root, String file, ObjectMapper mapper, String text) {
        JsonInput in = new JsonInput(file, UnaryOperator.identity(),
                text == null ? UnaryOperator.identity() : SourceLines.lazy(mapper, text));
        check(root, "", in);
        return in.problems();
    }

    /** Records a problem in {@code in} for every key the schema does not allow, anywhere under {@code node}. */
    void check(JsonNode node, String pointer, JsonInput in) {
        if (node == null) {
            return;
        }
        switch (kind) {
            case FREE -> { }
            case LIST -> {
                if (node.isArray()) {
                    for (int i = 0; i < node.size(); i++) {
                        element.check(node.get(i), JsonInput.child(pointer, i), in);
                    }
                }
            }
            case NAMED -> JsonInput.fields(node, (name, value) -> element.check(value, JsonInput.child(pointer, name), in));
            case FIXED -> JsonInput.fields(node, (name, value) -> {
                KeySchema schema = fields.get(name);
                if (schema == null && ignored.contains(name)) {
                    return;
                }
                if (schema == null) {
                    in.unknownKey(pointer, name, fields.keySet());
                } else {
                    schema.check(value, JsonInput.child(pointer, name), in);
                }
            });
        }
    }

    /**
     * True when the object at {@code pointer} (a JSON pointer from this schema's root) has fixed
     * keys and {@code key} is one of them: where a misspelling of {@code key} must be reported.
     */
    boolean fixes(String pointer, String key) {
        KeySchema schema = this;
        for (String segment : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
            String name = segment.replace("~1", "/").replace("~0", "~");
            schema = switch (schema.kind) {
                case FIXED -> schema.fields.getOrDefault(name, FREE);
                case NAMED, LIST -> schema.element;
                case FREE -> FREE;
            };
        }
        return schema.kind == Kind.FIXED && schema.fields.containsKey(key);
    }
}
