package io.aisprint.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.model.ModelException;
import io.aisprint.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the AI-SPRINT annotations written as decorators on {@code def main} in a component's
 * {@code main.py}, statically, as {@code aisprint design} does: {@code @annotation({...})} with a dict
 * literal, or {@code @exec_time(local_time_thr=10)} with keyword arguments. Only literals (numbers,
 * strings, booleans, None, lists, tuples, dicts) are accepted. The result has the shape of one entry
 * of {@code annotations.yaml}.
 */
final class PythonAnnotations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private enum Type { NAME, NUMBER, STRING, OP, NEWLINE, END }

    private record Token(Type type, String text, int line) {
    }

    private final Path file;
    private final List<Token> tokens;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private int position;

    private PythonAnnotations(Path file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    /** The document {@code {key: {annotation: arguments}}} for {@code file}, with the line of each decorator. */
    static YamlDocument read(Path file, String key) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw ModelException.unreadable(file.toString(), "", "cannot read the file (" + e.getMessage() + ")");
        }
        PythonAnnotations parser = new PythonAnnotations(file, tokenize(file, text));
        ObjectNode root = NODES.objectNode();
        ObjectNode annotations = root.putObject(key);
        String pointer = JsonInput.child("", key);
        parser.lines.put("", 1);
        parser.parseDecoratorsOfMain(annotations, pointer);
        if (!parser.problems.isEmpty()) {
            throw new ModelException(ModelException.Kind.INVALID, parser.problems);
        }
        return YamlDocument.of(file, root, parser.lines);
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.type() != Type.END) {
            position++;
        }
        return token;
    }

    private boolean isOp(Token token, String op) {
        return token.type() == Type.OP && token.text().equals(op);
    }

    private ModelException error(Token token, String message) {
        return new ModelException(ModelException.Kind.INVALID, List.of(new Problem(file.toString(), "line " + token.line(), message)));
    }

    private void expectOp(String op) {
        Token token = next();
        if (!isOp(token, op)) {
            throw error(token, "expected '" + op + "', found '" + token.text() + "'");
        }
    }

    /** Keeps the decorators of the statement that follows them; stops at {@code def main}. */
    private void parseDecoratorsOfMain(ObjectNode target, String pointer) {
        ObjectNode pending = NODES.objectNode();
        Map<String, Integer> pendingLines = new HashMap<>();
        while (peek().type() != Type.END) {
            Token token = next();
            if (isOp(token, "@")) {
                Token name = next();
                if (name.type() != Type.NAME) {
                    throw error(name, "expected a decorator name after '@'");
                }
                while (isOp(peek(), ".") && tokens.get(position + 1).type() == Type.NAME) {
                    next();
                    name = next(); // @aisprint.annotations.exec_time(...) is @exec_time(...)
                }
                ObjectNode arguments = NODES.objectNode();
                if (isOp(peek(), "(")) {
                    next();
                    parseArguments(name, arguments);
                }
                if (name.text().equals("annotation")) {
                    // the all-in-one form: its dict holds every annotation and the others are ignored
                    JsonNode all = arguments.get("0");
                    if (all == null || !all.isObject()) {
                        throw error(name, "@annotation expects one dict literal {'annotation_name': {...}}");
                    }
                    pending.removeAll();
                    int line = name.line();
                    all.fields().forEachRemaining(e -> {
                        pending.set(e.getKey(), e.getValue());
                        pendingLines.put(e.getKey(), line);
                    });
                    pending.put("\u0000all-in-one", true);
                } else if (!pending.has("\u0000all-in-one")) {
                    pending.set(name.text(), arguments);
                    pendingLines.put(name.text(), name.line());
                }
                continue;
            }
            if (token.type() == Type.NAME && token.text().equals("def")) {
                Token name = next();
                if (name.text().equals("main")) {
                    pending.remove("\u0000all-in-one");
                    target.setAll(pending);
                    pendingLines.forEach((annotation, line) -> recordLines(JsonInput.child(pointer, annotation),
                            target.get(annotation), line));
                    lines.put(pointer, pendingLines.values().stream().min(Integer::compare).orElse(name.line()));
                    return;
                }
            }
            if (token.type() != Type.NEWLINE) {
                pending.removeAll();
                pendingLines.clear();
                while (peek().type() != Type.NEWLINE && peek().type() != Type.END) {
                    next();
                }
            }
        }
        problems.add(new Problem(file.toString(), "", "no 'def main' found; AI-SPRINT annotations decorate the main function"));
    }

    private void recordLines(String pointer, JsonNode node, int line) {
        lines.putIfAbsent(pointer, line);
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> recordLines(JsonInput.child(pointer, e.getKey()), e.getValue(), line));
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                recordLines(JsonInput.child(pointer, i), node.get(i), line);
            }
        }
    }

    /** Positional arguments are stored under "0", "1", ...; keyword arguments under their names. */
    private void parseArguments(Token decorator, ObjectNode arguments) {
        int index = 0;
        while (!isOp(peek(), ")")) {
            Token token = peek();
            if (token.type() == Type.NAME && isOp(tokens.get(position + 1), "=")) {
                next();
                next();
                arguments.set(token.text(), literal());
            } else {
                arguments.set(String.valueOf(index++), literal());
            }
            if (isOp(peek(), ",")) {
                next();
            } else if (!isOp(peek(), ")")) {
                throw error(peek(), "expected ',' or ')' in the arguments of @" + decorator.text());
            }
        }
        next();
    }

    private JsonNode literal() {
        Token token = next();
        switch (token.type()) {
            case STRING:
                return NODES.textNode(token.text());
            case NUMBER:
                return number(token.text(), 1);
            case NAME:
                return switch (token.text()) {
                    case "True" -> NODES.booleanNode(true);
                    case "False" -> NODES.booleanNode(false);
                    case "None" -> NODES.nullNode();
                    default -> throw error(token, "'" + token.text() + "' is not a literal; annotation arguments "
                            + "must be literal values (they are read without running the code)");
                };
            case OP:
                if (token.text().equals("-") && peek().type() == Type.NUMBER) {
                    return number(next().text(), -1);
                }
                if (token.text().equals("[") || token.text().equals("(")) {
                    return sequence(token.text().equals("[") ? "]" : ")");
                }
                if (token.text().equals("{")) {
                    return dict();
                }
                throw error(token, "expected a literal value, found '" + token.text() + "'");
            default:
                throw error(token, "expected a literal value, found the end of the line");
        }
    }

    private JsonNode number(String text, int sign) {
        String clean = text.replace("_", "");
        if (clean.matches("\\d{1,18}")) {
            return NODES.numberNode(sign * Long.parseLong(clean));
        }
        return NODES.numberNode(sign * Double.parseDouble(clean));
    }

    private ArrayNode sequence(String close) {
        ArrayNode list = NODES.arrayNode();
        while (!isOp(peek(), close)) {
            list.add(literal());
            if (isOp(peek(), ",")) {
                next();
            } else if (!isOp(peek(), close)) {
                throw error(peek(), "expected ',' or '" + close + "'");
            }
        }
        next();
        return list;
    }

    private ObjectNode dict() {
        ObjectNode map = NODES.objectNode();
        while (!isOp(peek(), "}")) {
            Token key = next();
            if (key.type() != Type.STRING) {
                throw error(key, "dict keys of annotations must be strings");
            }
            expectOp(":");
            map.set(key.text(), literal());
            if (isOp(peek(), ",")) {
                next();
            } else if (!isOp(peek(), "}")) {
                throw error(peek(), "expected ',' or '}'");
            }
        }
        next();
        return map;
    }

    /** A tokenizer for the subset of Python that decorators with literal arguments need. */
    private static List<Token> tokenize(Path file, String text) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                if (depth == 0) {
                    tokens.add(new Token(Type.NEWLINE, "\\n", line));
                }
                line++;
                i++;
            } else if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                line++;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || ((c == 'r' || c == 'b' || c == 'f' || c == 'u' || c == 'R' || c == 'B' || c == 'F' || c == 'U')
                    && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\''))) {
                int start = line;
                if (c != '"' && c != '\'') {
                    i++;
                }
                char quote = text.charAt(i);
                boolean triple = text.startsWith(String.valueOf(quote).repeat(3), i);
                String end = triple ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
                i += end.length();
                StringBuilder value = new StringBuilder();
                while (i < text.length() && !text.startsWith(end, i)) {
                    char d = text.charAt(i);
                    if (d == '\\' && i + 1 < text.length()) {
                        char escaped = text.charAt(i + 1);
                        value.append(switch (escaped) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> escaped;
                        });
                        i += 2;
                        continue;
                    }
                    if (d == '\n') {
                        if (!triple) {
                            throw new ModelException(ModelException.Kind.UNREADABLE, List.of(new Problem(file.toString(),
                                    "line " + start, "unterminated string")));
                        }
                        line++;
                    }
                    value.append(d);
                    i++;
                }
                if (i >= text.length()) {
                    throw new ModelException(ModelException.Kind.UNREADABLE, List.of(new Problem(file.toString(),
                            "line " + start, "unterminated string")));
                }
                i += end.length();
                tokens.add(new Token(Type.STRING, value.toString(), start));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '_'
                        || ((text.charAt(i) == '+' || text.charAt(i) == '-') && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')))) {
                    i++;
                }
                String number = text.substring(start, i);
                if (!number.replace("_", "").matches("\\d+|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    tokens.add(new Token(Type.NAME, number, line));
                } else {
                    tokens.add(new Token(Type.NUMBER, number, line));
                }
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Type.NAME, text.substring(start, i), line));
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                    depth--;
                }
                tokens.add(new Token(Type.OP, String.valueOf(c), line));
                i++;
            }
        }
        tokens.add(new Token(Type.NEWLINE, "\\n", line));
        tokens.add(new Token(Type.END, "end of file", line));
        return tokens;
    }
}
