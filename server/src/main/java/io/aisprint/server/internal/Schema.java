package io.aisprint.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a JSON request body: it validates a body (every problem at once, unknown fields
 * refused) and renders itself as an OpenAPI schema, so the document and the checks cannot differ.
 */
public final class Schema {
    public enum Type { STRING, NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT }

    record Field(String name, Type type, String description, Double minimum, Double maximum, List<String> choices, Schema items) {
    }

    private final String name;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    private Schema(String name) {
        this.name = name;
    }

    public static Schema object(String name) {
        return new Schema(name);
    }

    public String name() {
        return name;
    }

    public Schema number(String field, String description, Double minimum, Double maximum) {
        fields.put(field, new Field(field, Type.NUMBER, description, minimum, maximum, List.of(), null));
        return this;
    }

    public Schema integer(String field, String description, Double minimum, Double maximum) {
        fields.put(field, new Field(field, Type.INTEGER, description, minimum, maximum, List.of(), null));
        return this;
    }

    public Schema bool(String field, String description) {
        fields.put(field, new Field(field, Type.BOOLEAN, description, null, null, List.of(), null));
        return this;
    }

    public Schema string(String field, String description) {
        fields.put(field, new Field(field, Type.STRING, description, null, null, List.of(), null));
        return this;
    }

    public Schema choice(String field, String description, List<String> choices) {
        fields.put(field, new Field(field, Type.STRING, description, null, null, List.copyOf(choices), null));
        return this;
    }

    public Schema array(String field, String description, Schema items) {
        fields.put(field, new Field(field, Type.ARRAY, description, null, null, List.of(), items));
        return this;
    }

    /** A field holding any JSON object (checked by its own reader, e.g. a SPACE4AI-D solution). */
    public Schema anyObject(String field, String description) {
        fields.put(field, new Field(field, Type.OBJECT, description, null, null, List.of(), null));
        return this;
    }

    public Schema require(String... names) {
        required.addAll(List.of(names));
        return this;
    }

    /** Validates {@code body}; throws one {@code invalid_request} error listing every problem. */
    public void check(JsonNode body) {
        List<ServerException.Problem> problems = new ArrayList<>();
        validate(body, "", problems);
        if (!problems.isEmpty()) {
            ServerException.Problem first = problems.get(0);
            throw new ServerException(ErrorCode.INVALID_REQUEST, problems.size() == 1 ? first.message()
                    : problems.size() + " problems in the request body (see problems)", first.where(), hint(), problems);
        }
    }

    private String hint() {
        return "Maybe compare with the " + name + " schema in /api/openapi.json; fields: " + String.join(", ", fields.keySet()) + ".";
    }

    void validate(JsonNode node, String pointer, List<ServerException.Problem> problems) {
        String where = pointer.isEmpty() ? "/" : pointer;
        if (node == null || !node.isObject()) {
            problems.add(new ServerException.Problem(where, "expected a JSON object, got " + kind(node)));
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!fields.containsKey(field)) {
                problems.add(new ServerException.Problem(pointer + "/" + field, "unknown field '" + field + "'; known fields: "
                        + String.join(", ", fields.keySet())));
            }
        }
        for (String field : required) {
            if (!node.hasNonNull(field)) {
                problems.add(new ServerException.Problem(pointer + "/" + field, "'" + field + "' is required"));
            }
        }
        for (Field field : fields.values()) {
            JsonNode value = node.get(field.name());
            if (value != null && !value.isNull()) {
                validateValue(field, value, pointer + "/" + field.name(), problems);
            }
        }
    }

    private static void validateValue(Field field, JsonNode value, String where, List<ServerException.Problem> problems) {
        switch (field.type()) {
            case STRING -> {
                if (!value.isTextual()) {
                    problems.add(new ServerException.Problem(where, "expected a string, got " + kind(value)));
                } else if (!field.choices().isEmpty() && !field.choices().contains(value.asText())) {
                    problems.add(new ServerException.Problem(where, "expected one of " + String.join(", ", field.choices()) + ", got '"
                            + value.asText() + "'"));
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    problems.add(new ServerException.Problem(where, "expected true or false, got " + kind(value)));
                }
            }
            case NUMBER, INTEGER -> {
                if (!value.isNumber() || (field.type() == Type.INTEGER && !value.canConvertToExactIntegral())) {
                    problems.add(new ServerException.Problem(where, "expected " + (field.type() == Type.INTEGER ? "an integer" : "a number")
                            + ", got " + kind(value)));
                } else if (field.minimum() != null && value.asDouble() < field.minimum()
                        || field.maximum() != null && value.asDouble() > field.maximum()) {
                    problems.add(new ServerException.Problem(where, "expected a value within " + range(field) + ", got " + value.asText()));
                }
            }
            case OBJECT -> {
                if (!value.isObject()) {
                    problems.add(new ServerException.Problem(where, "expected a JSON object, got " + kind(value)));
                }
            }
            case ARRAY -> {
                if (!value.isArray()) {
                    problems.add(new ServerException.Problem(where, "expected an array, got " + kind(value)));
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        field.items().validate(value.get(i), where + "/" + i, problems);
                    }
                }
            }
        }
    }

    private static String range(Field field) {
        return "[" + (field.minimum() == null ? "-∞" : trim(field.minimum())) + ", " + (field.maximum() == null ? "∞"
                : trim(field.maximum())) + "]";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "the string \"" + node.asText() + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** This schema as an OpenAPI 3 schema object. */
    public ObjectNode openApi() {
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        for (Field field : fields.values()) {
            ObjectNode property = properties.putObject(field.name());
            property.put("type", field.type().name().toLowerCase(java.util.Locale.ROOT));
            property.put("description", field.description());
            if (field.minimum() != null) {
                property.put("minimum", field.minimum());
            }
            if (field.maximum() != null) {
                property.put("maximum", field.maximum());
            }
            if (!field.choices().isEmpty()) {
                ArrayNode choices = property.putArray("enum");
                field.choices().forEach(choices::add);
            }
            if (field.items() != null) {
                property.set("items", field.items().openApi());
            }
        }
        if (!required.isEmpty()) {
            ArrayNode names = schema.putArray("required");
            required.forEach(names::add);
        }
        return schema;
    }
}
