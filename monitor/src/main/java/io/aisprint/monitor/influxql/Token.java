package io.aisprint.monitor.influxql;

/** One lexical token with its position (1-based line and character, as influxd reports them). */
record Token(Kind kind, String text, int line, int column) {
    enum Kind { IDENT, QUOTED_IDENT, STRING, NUMBER, INTEGER, DURATION, REGEX, OPERATOR, EOF, BOUND_PARAM }

    boolean is(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    boolean isOperator(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }
}
