package io.aisprint.security.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON/YAML node that knows its place ({@code file: services[2].attestation}) and reports
 * unknown keys, missing keys and wrong types with that place, so every policy and reference
 * state reader gives the same kind of message.
 */
public final class StrictNode {
    private final JsonNode node;
    private final String source;
    private final String path;

    public StrictNode(JsonNode node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
    }

    public static StrictNode root(JsonNode node, String source) {
        StrictNode root = new StrictNode(node, source, "");
        if (node == null || !node.isObject()) {
            throw root.error("expected a mapping at the top level");
        }
        return root;
    }

    public String path() {
        return path.isEmpty() ? "(top level)" : path;
    }

    public JsonNode raw() {
        return node;
    }

    /** Fails on the first key not in {@code allowed}, naming it and the keys that are allowed. */
    public StrictNode allowOnly(Set<String> allowed) {
        if (!node.isObject()) {
            throw error("expected a mapping");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new TrustException(TrustErrorCode.POLICY_MALFORMED,
                    source + ": unknown key '" + child(name) + "'; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
        return this;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public StrictNode get(String key) {
        if (!has(key)) {
            throw error("missing key '" + child(key) + "'");
        }
        return new StrictNode(node.get(key), source, child(key));
    }

    public Optional<StrictNode> optional(String key) {
        return has(key) ? Optional.of(get(key)) : Optional.empty();
    }

    public String text(String key) {
        return get(key).asText();
    }

    public Optional<String> optionalText(String key) {
        return optional(key).map(StrictNode::asText);
    }

    public String asText() {
        if (!node.isValueNode() || node.isBoolean()) {
            throw error("expected a string");
        }
        if (node.isNumber() && node.asText().length() > 18) {
            throw error("expected a string, got the number " + node.asText() + "\nMaybe quote it: YAML reads hex made of digits only as a number.");
        }
        return node.asText();
    }

    public boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw get(key).error("expected true or false");
        }
        return value.booleanValue();
    }

    public long integer(String key, long defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonNode value = node.get(key);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw get(key).error("expected an integer");
        }
        return value.longValue();
    }

    /** The items of a list (empty when the key is absent). */
    public List<StrictNode> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw get(key).error("expected a list");
        }
        List<StrictNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(new StrictNode(value.get(i), source, child(key) + "[" + i + "]"));
        }
        return items;
    }

    public List<String> textList(String key) {
        return list(key).stream().map(StrictNode::asText).toList();
    }

    /** The entries of a mapping (empty when the key is absent), in file order. */
    public Map<String, StrictNode> entries(String key) {
        if (!has(key)) {
            return Map.of();
        }
        JsonNode value = node.get(key);
        if (!value.isObject()) {
            throw get(key).error("expected a mapping");
        }
        Map<String, StrictNode> entries = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> entries.put(e.getKey(), new StrictNode(e.getValue(), source, child(key) + "." + e.getKey())));
        return entries;
    }

    public TrustException error(String message) {
        return new TrustException(TrustErrorCode.POLICY_MALFORMED, source + ": " + path() + ": " + message);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
