package io.aisprint.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;

/** The server's one JSON mapper setup. Duplicate keys in a request are an error, not "last one wins". */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a request body; an empty body is an empty object. */
    public static JsonNode parseBody(String body) {
        if (body == null || body.isBlank()) {
            return object();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "body"
                    : "body: line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ServerException(ErrorCode.BAD_JSON, "the request body is not valid JSON: " + e.getOriginalMessage(), where,
                    "Maybe check quotes and commas; send Content-Type: application/json.");
        }
    }

    public static JsonNode read(String stored) {
        try {
            return stored == null ? null : MAPPER.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new ServerException(ErrorCode.STORAGE, "stored JSON is damaged: " + e.getOriginalMessage(), "database", null, e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
