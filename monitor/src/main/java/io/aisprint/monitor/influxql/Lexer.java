package io.aisprint.monitor.influxql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits InfluxQL text into tokens. A slash starts a regular expression ({@code /re/}) unless it
 * follows an operand (a name, a number, a closing parenthesis), where it divides: so
 * {@code FROM /cpu/}, {@code host =~ /a/} and {@code v / 2} all read as meant.
 */
final class Lexer {
    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        Lexer lexer = new Lexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token = null;
        do {
            token = lexer.next(token);
            tokens.add(token);
        } while (token.kind() != Token.Kind.EOF);
        return tokens;
    }

    /** A slash starts a regex unless it follows an operand (then it divides). */
    private static boolean regexMayStart(Token previous) {
        if (previous == null) {
            return true;
        }
        return switch (previous.kind()) {
            case IDENT -> Parser.isReserved(previous.text());
            case OPERATOR -> !previous.text().equals(")");
            default -> false;
        };
    }

    private String regex(int startLine, int startColumn) {
        StringBuilder out = new StringBuilder();
        int i = pos + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                out.append('/');
                i += 2;
                continue;
            }
            if (c == '/') {
                pos = i + 1;
                return out.toString();
            }
            if (c == '\n') {
                break;
            }
            out.append(c);
            i++;
        }
        throw new QueryError("error parsing query: found " + text.substring(pos, i) + ", expected regex at line " + startLine
                + ", char " + (startColumn - 1)); // influxd reports the character before the quote
    }

    Token next(Token previous) {
        skipSpaceAndComments();
        int startLine = line;
        int startColumn = pos - lineStart + 1;
        if (pos >= text.length()) {
            return new Token(Token.Kind.EOF, "", startLine, startColumn + 1); // influxd counts EOF one past the end
        }
        char c = text.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Token.Kind.IDENT, text.substring(start, pos), startLine, startColumn);
        }
        if (c == '"') {
            return new Token(Token.Kind.QUOTED_IDENT, quoted('"'), startLine, startColumn);
        }
        if (c == '\'') {
            return new Token(Token.Kind.STRING, quoted('\''), startLine, startColumn);
        }
        if (c == '/' && regexMayStart(previous)) {
            return new Token(Token.Kind.REGEX, regex(startLine, startColumn), startLine, startColumn);
        }
        if (c == '$') {
            int start = ++pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Token.Kind.BOUND_PARAM, text.substring(start, pos), startLine, startColumn);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number(startLine, startColumn);
        }
        String[] operators = {"=~", "!~", "!=", "<>", "<=", ">=", "::", "=", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^",
            "(", ")", ",", ";", "."};
        for (String op : operators) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Token.Kind.OPERATOR, op, startLine, startColumn);
            }
        }
        pos++;
        return new Token(Token.Kind.OPERATOR, String.valueOf(c), startLine, startColumn);
    }

    private Token number(int startLine, int startColumn) {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        boolean decimal = false;
        if (pos < text.length() && text.charAt(pos) == '.') {
            decimal = true;
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (!decimal && pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == 'µ')) {
            // A duration: digits followed by a unit, possibly repeated (1h30m).
            int unitEnd = pos;
            while (unitEnd < text.length() && (Character.isLetterOrDigit(text.charAt(unitEnd)) || text.charAt(unitEnd) == 'µ')) {
                unitEnd++;
            }
            String candidate = text.substring(start, unitEnd);
            if (Durations.isDuration(candidate)) {
                pos = unitEnd;
                return new Token(Token.Kind.DURATION, candidate, startLine, startColumn);
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                decimal = true;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        return new Token(decimal ? Token.Kind.NUMBER : Token.Kind.INTEGER, text.substring(start, pos), startLine, startColumn);
    }

    private String quoted(char quote) {
        StringBuilder out = new StringBuilder();
        int startColumn = pos - lineStart + 1;
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                char escaped = text.charAt(pos + 1);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    case '\'' -> out.append('\'');
                    default -> out.append('\\').append(escaped);
                }
                pos += 2;
                continue;
            }
            if (c == quote) {
                pos++;
                return out.toString();
            }
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            }
            out.append(c);
            pos++;
        }
        throw new QueryError("error parsing query: found " + out + ", expected identifier, string, number, bool at line " + line
                + ", char " + (startColumn - 1)); // influxd reports the character before the quote
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && text.startsWith("--", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                pos = end < 0 ? text.length() : end + 2;
            } else {
                return;
            }
        }
    }
}
