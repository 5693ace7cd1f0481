package io.aisprint.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/** Structural mutations of a JSON/YAML tree for the property tests: drop a key, change a value's type. */
final class JsonMutations {
    /** What to do to the chosen node. */
    enum Kind { DROP_KEY, TO_TEXT, TO_NUMBER, TO_LIST, TO_OBJECT, TO_NULL, NEGATE }

    /** A place in the tree: the parent container and the key or index of the child. */
    record Slot(JsonNode parent, String key, int index, String pointer) {
        JsonNode value() {
            return key != null ? parent.get(key) : parent.get(index);
        }
    }

    private JsonMutations() {
    }

    static List<Slot> slots(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "", slots);
        return slots;
    }

    private static void collect(JsonNode node, String pointer, List<Slot> slots) {
        if (node.isObject()) {
            var names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String child = JsonInput.child(pointer, name);
                slots.add(new Slot(node, name, -1, child));
                collect(node.get(name), child, slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = JsonInput.child(pointer, i);
                slots.add(new Slot(node, null, i, child));
                collect(node.get(i), child, slots);
            }
        }
    }

    /** Applies {@code kind} at {@code slot}; returns false when it changes nothing. */
    static boolean apply(Slot slot, Kind kind) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode old = slot.value();
        JsonNode replacement = switch (kind) {
            case DROP_KEY -> null;
            case TO_TEXT -> old.isTextual() ? null : TextNode.valueOf("not-" + (old.isValueNode() ? old.asText() : "a-value"));
            case TO_NUMBER -> old.isNumber() ? null : nodes.numberNode(7);
            case TO_LIST -> old.isArray() ? null : nodes.arrayNode().add(old.deepCopy());
            case TO_OBJECT -> old.isObject() ? null : nodes.objectNode().set("value", old.deepCopy());
            case TO_NULL -> old.isNull() ? null : nodes.nullNode();
            case NEGATE -> old.isNumber() && old.asDouble() != 0 ? nodes.numberNode(-old.asDouble()) : null;
        };
        if (kind == Kind.DROP_KEY) {
            if (slot.key() != null) {
                ((ObjectNode) slot.parent()).remove(slot.key());
            } else {
                ((ArrayNode) slot.parent()).remove(slot.index());
            }
            return true;
        }
        if (replacement == null) {
            return false;
        }
        if (slot.key() != null) {
            ((ObjectNode) slot.parent()).set(slot.key(), replacement);
        } else {
            ((ArrayNode) slot.parent()).set(slot.index(), replacement);
        }
        return true;
    }
}
