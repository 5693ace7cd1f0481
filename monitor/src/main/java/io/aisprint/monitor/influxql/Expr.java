package io.aisprint.monitor.influxql;

import java.util.List;
import java.util.regex.Pattern;

/** InfluxQL expressions: field and tag references, function calls, literals and binary operations. */
public sealed interface Expr {
    /** A field or tag name, with an optional {@code ::field}/{@code ::tag}/{@code ::integer} cast. */
    record VarRef(String name, String type) implements Expr {
    }

    record Call(String name, List<Expr> args) implements Expr {
    }

    record Binary(String op, Expr lhs, Expr rhs) implements Expr {
    }

    record Paren(Expr expr) implements Expr {
    }

    record NumberLit(double value) implements Expr {
    }

    record IntegerLit(long value) implements Expr {
    }

    record StringLit(String value) implements Expr {
    }

    record BooleanLit(boolean value) implements Expr {
    }

    record DurationLit(long nanos) implements Expr {
    }

    record RegexLit(Pattern pattern, String source) implements Expr {
    }

    /** {@code *}, optionally restricted with {@code ::field} or {@code ::tag}. */
    record Wildcard(String type) implements Expr {
    }

    static Expr unparen(Expr expr) {
        while (expr instanceof Paren paren) {
            expr = paren.expr();
        }
        return expr;
    }
}
