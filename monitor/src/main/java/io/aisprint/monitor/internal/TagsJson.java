package io.aisprint.monitor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SortedMap;
import java.util.TreeMap;

/** Tag sets as JSON objects, for the series catalog table. */
final class TagsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TagsJson() {
    }

    static String format(SortedMap<String, String> tags) {
        try {
            return MAPPER.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SortedMap<String, String> parse(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt tag set in the series table: " + json, e);
        }
    }
}
