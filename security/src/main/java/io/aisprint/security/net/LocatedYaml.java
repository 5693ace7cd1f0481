package io.aisprint.security.net;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML document read into a small tree that remembers the line of every node, so strict
 * readers can name the file and line of an unknown key or a bad value. (Jackson's own tree drops
 * locations; binding to classes reports only the first problem.)
 */
public final class LocatedYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** A node of the document; {@code where} is "file:line". */
    public sealed interface Node permits Scalar, Sequence, Mapping {
        String where();
    }

    public record Scalar(String text, String where) implements Node {
    }

    public record Sequence(List<Node> items, String where) implements Node {
    }

    public record Mapping(Map<String, Node> fields, Map<String, String> keyWhere, String where) implements Node {
        /** Adds one problem per key that is not in {@code allowed}. */
        public void checkKeys(String path, Set<String> allowed, List<String> problems) {
            for (String key : fields.keySet()) {
                if (!allowed.contains(key)) {
                    problems.add(keyWhere.get(key) + ": unknown key '" + key + "' in " + path + "; expected one of " + String.join(", ", allowed));
                }
            }
        }
    }

    private LocatedYaml() {
    }

    public static Node read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new NetException(NetException.Code.UNREADABLE, "Cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static Node parse(String text, String name) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new NetException(NetException.Code.INVALID_POLICY, name + ": the file is empty; expected a YAML mapping");
            }
            return node(parser, name);
        } catch (JsonProcessingException e) {
            throw new NetException(NetException.Code.INVALID_POLICY,
                name + ":" + e.getLocation().getLineNr() + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new NetException(NetException.Code.UNREADABLE, "Cannot read " + name + ": " + e.getMessage());
        }
    }

    private static Node node(JsonParser parser, String name) throws IOException {
        String where = name + ":" + parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Node> fields = new LinkedHashMap<>();
            Map<String, String> keyWhere = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String keyLine = name + ":" + parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                fields.put(key, node(parser, name));
                keyWhere.put(key, keyLine);
            }
            return new Mapping(fields, keyWhere, where);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(parser, name));
            }
            return new Sequence(items, where);
        }
        return new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), where);
    }
}
