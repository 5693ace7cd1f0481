package io.aisprint.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.aisprint.model.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Typed access to a parsed JSON/YAML tree that records a {@link Problem} (file + JSON pointer + what
 * was expected) instead of throwing, so a reader reports every problem at once.
 */
final class JsonInput {
    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final UnaryOperator<String> locator;
    private final UnaryOperator<String> keyLocator;

    JsonInput(String file) {
        this(file, UnaryOperator.identity());
    }

    /** {@code locator} turns a JSON pointer into the location shown (YAML files show the line). */
    JsonInput(String file, UnaryOperator<String> locator) {
        this(file, locator, locator);
    }

    /**
     * {@code keyLocator} places unknown keys: JSON files keep JSON pointers for other problems but
     * show a misspelled key's line too, since a pointer to a key that should not exist is hard to find.
     */
    JsonInput(String file, UnaryOperator<String> locator, UnaryOperator<String> keyLocator) {
        this.file = file;
        this.locator = locator;
        this.keyLocator = keyLocator;
    }

    List<Problem> problems() {
        return problems;
    }

    String file() {
        return file;
    }

    void problem(String pointer, String message) {
        problems.add(new Problem(file, locator.apply(pointer), message));
    }

    /** Records that the object at {@code pointer} has the key {@code key}, which is none of {@code allowed}. */
    void unknownKey(String pointer, String key, Collection<String> allowed) {
        problems.add(new Problem(file, keyLocator.apply(child(pointer, key)), UnknownKeys.message(key, allowed)));
    }

    static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** The object at {@code pointer}, or null (with a problem when {@code required}). */
    JsonNode object(JsonNode node, String pointer, boolean required) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            if (required) {
                problem(pointer, "missing; expected an object");
            }
            return null;
        }
        if (!node.isObject()) {
            problem(pointer, "expected an object, found " + describe(node));
            return null;
        }
        return node;
    }

    JsonNode array(JsonNode node, String pointer, boolean required) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            if (required) {
                problem(pointer, "missing; expected a list");
            }
            return null;
        }
        if (!node.isArray()) {
            problem(pointer, "expected a list, found " + describe(node));
            return null;
        }
        return node;
    }

    /** A number, or {@code fallback} (with a problem when required and missing, or when not a number). */
    double number(JsonNode node, String pointer, boolean required, double fallback) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            if (required) {
                problem(pointer, "missing; expected a number");
            }
            return fallback;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.equalsIgnoreCase("inf") || text.equalsIgnoreCase("infinity")) {
                return Double.POSITIVE_INFINITY;
            }
        }
        problem(pointer, "expected a number, found " + describe(node));
        return fallback;
    }

    int integer(JsonNode node, String pointer, boolean required, int fallback) {
        double value = number(node, pointer, required, fallback);
        if (value != Math.rint(value) || Double.isInfinite(value)) {
            problem(pointer, "expected a whole number, found " + value);
            return fallback;
        }
        return (int) value;
    }

    String text(JsonNode node, String pointer, boolean required) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            if (required) {
                problem(pointer, "missing; expected a name");
            }
            return null;
        }
        if (!node.isTextual()) {
            problem(pointer, "expected a string, found " + describe(node));
            return null;
        }
        return node.asText();
    }

    /** Iterates the fields of an object node (nothing when it is not an object). */
    static void fields(JsonNode node, BiConsumer<String, JsonNode> action) {
        if (node == null || !node.isObject()) {
            return;
        }
        var iterator = node.fields();
        while (iterator.hasNext()) {
            Map.Entry<String, JsonNode> entry = iterator.next();
            action.accept(entry.getKey(), entry.getValue());
        }
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "the text \"" + node.asText() + "\"";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.toString();
    }
}
