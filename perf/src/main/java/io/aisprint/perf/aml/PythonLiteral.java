package io.aisprint.perf.aml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a value the way aMLLibrary does ({@code ast.literal_eval}, raw string on failure): numbers
 * (Long or Double), quoted strings, True/False/None, lists, tuples and dicts. A value that is not a
 * Python literal (e.g. {@code validation = HoldOut}) comes back as the trimmed raw text.
 */
final class PythonLiteral {
    private final String text;
    private int pos;

    private PythonLiteral(String text) {
        this.text = text;
    }

    static Object parse(String raw) {
        String trimmed = raw.strip();
        try {
            PythonLiteral parser = new PythonLiteral(trimmed);
            Object value = parser.value();
            parser.skipSpace();
            if (parser.pos != trimmed.length()) {
                return trimmed;
            }
            return value;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return trimmed;
        }
    }

    private Object value() {
        skipSpace();
        char c = text.charAt(pos);
        if (c == '[' || c == '(') {
            return sequence(c == '[' ? ']' : ')');
        }
        if (c == '{') {
            return dict();
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("None", pos)) {
            pos += 4;
            return null;
        }
        return number();
    }

    private List<Object> sequence(char close) {
        pos++;
        List<Object> items = new ArrayList<>();
        skipSpace();
        while (text.charAt(pos) != close) {
            items.add(value());
            skipSpace();
            if (text.charAt(pos) == ',') {
                pos++;
                skipSpace();
            } else if (text.charAt(pos) != close) {
                throw new IllegalArgumentException("expected , or " + close);
            }
        }
        pos++;
        return items;
    }

    private Map<Object, Object> dict() {
        pos++;
        Map<Object, Object> items = new LinkedHashMap<>();
        skipSpace();
        while (text.charAt(pos) != '}') {
            Object key = value();
            skipSpace();
            if (text.charAt(pos) != ':') {
                throw new IllegalArgumentException("expected :");
            }
            pos++;
            items.put(key, value());
            skipSpace();
            if (text.charAt(pos) == ',') {
                pos++;
                skipSpace();
            } else if (text.charAt(pos) != '}') {
                throw new IllegalArgumentException("expected , or }");
            }
        }
        pos++;
        return items;
    }

    private String string(char quote) {
        pos++;
        StringBuilder out = new StringBuilder();
        while (text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                char e = text.charAt(pos++);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                out.append(c);
            }
        }
        pos++;
        return out.toString();
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE_".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String token = text.substring(start, pos).replace("_", "");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("not a literal");
        }
        if (token.matches("[+-]?\\d+")) {
            return Long.parseLong(token);
        }
        return Double.parseDouble(token);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
