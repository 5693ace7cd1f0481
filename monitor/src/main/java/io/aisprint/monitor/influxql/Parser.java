package io.aisprint.monitor.influxql;

import io.aisprint.monitor.influxql.Statement.Field;
import io.aisprint.monitor.influxql.Statement.Fill;
import io.aisprint.monitor.influxql.Statement.FillMode;
import io.aisprint.monitor.influxql.Statement.Measurement;
import io.aisprint.monitor.influxql.Statement.RetentionSpec;
import io.aisprint.monitor.influxql.Statement.Source;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A recursive-descent parser for InfluxQL (the 1.x grammar: influxdb/influxql's spec). Operator
 * precedence, lowest first: OR; AND; comparisons; + - | ^; * / % &. Errors read as influxd's:
 * {@code error parsing query: found X, expected Y at line L, char C}.
 */
public final class Parser {
    private static final Set<String> RESERVED = Set.of("ALL", "ALTER", "ANY", "AS", "ASC", "BEGIN", "BY", "CREATE", "CONTINUOUS",
            "DATABASE", "DATABASES", "DEFAULT", "DELETE", "DESC", "DESTINATIONS", "DIAGNOSTICS", "DISTINCT", "DROP", "DURATION",
            "END", "EVERY", "EXPLAIN", "FIELD", "FOR", "FROM", "GRANT", "GRANTS", "GROUP", "GROUPS", "IN", "INF", "INSERT", "INTO",
            "KEY", "KEYS", "KILL", "LIMIT", "MEASUREMENT", "MEASUREMENTS", "NAME", "OFFSET", "ON", "ORDER", "PASSWORD", "POLICY",
            "POLICIES", "PRIVILEGES", "QUERIES", "QUERY", "READ", "REPLICATION", "RESAMPLE", "RETENTION", "REVOKE", "SELECT",
            "SERIES", "SET", "SHARD", "SHARDS", "SLIMIT", "SOFFSET", "STATS", "SUBSCRIPTION", "SUBSCRIPTIONS", "TAG", "TO", "USER",
            "USERS", "VALUES", "WHERE", "WITH", "WRITE", "AND", "OR");

    private final List<Token> tokens;
    private int index;

    private Parser(String source) {
        this.tokens = Lexer.tokenize(source);
    }

    /** Parses one or more statements separated by semicolons. */
    public static List<Statement> parse(String text) {
        Parser parser = new Parser(text);
        List<Statement> statements = new ArrayList<>();
        while (true) {
            while (parser.peek().isOperator(";")) {
                parser.index++;
            }
            if (parser.peek().kind() == Token.Kind.EOF) {
                break;
            }
            statements.add(parser.statement());
            Token next = parser.peek();
            if (next.kind() != Token.Kind.EOF && !next.isOperator(";")) {
                throw parser.error(next, ";");
            }
        }
        return statements;
    }

    /** Parses a lone expression (tests and WHERE-clause helpers). */
    static Expr parseExpr(String text) {
        Parser parser = new Parser(text);
        return parser.expr();
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Token.Kind.EOF) {
            index++;
        }
        return token;
    }

    private QueryError error(Token found, String expected) {
        String what = found.kind() == Token.Kind.EOF ? "EOF" : found.text();
        return new QueryError("error parsing query: found " + what + ", expected " + expected + " at line " + found.line()
                + ", char " + found.column());
    }

    private void keyword(String word) {
        Token token = next();
        if (!token.is(word)) {
            throw error(token, word);
        }
    }

    private boolean accept(String word) {
        if (peek().is(word)) {
            index++;
            return true;
        }
        return false;
    }

    private boolean acceptOperator(String op) {
        if (peek().isOperator(op)) {
            index++;
            return true;
        }
        return false;
    }

    private void operator(String op) {
        Token token = next();
        if (!token.isOperator(op)) {
            throw error(token, op);
        }
    }

    private Statement statement() {
        Token first = peek();
        if (accept("SELECT")) {
            return select();
        }
        if (accept("SHOW")) {
            return show();
        }
        if (accept("CREATE")) {
            return create();
        }
        if (accept("DROP")) {
            return drop();
        }
        if (accept("DELETE")) {
            return delete();
        }
        if (accept("ALTER")) {
            keyword("RETENTION");
            keyword("POLICY");
            return alterRetention();
        }
        throw error(first, "SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL");
    }

    // ---- SELECT -------------------------------------------------------------------------------

    private Statement.Select select() {
        List<Field> fields = new ArrayList<>();
        do {
            Expr expr = expr();
            String alias = null;
            if (accept("AS")) {
                alias = identifier();
            }
            fields.add(new Field(expr, alias));
        } while (acceptOperator(","));
        Measurement into = null;
        if (accept("INTO")) {
            into = (Measurement) measurement(false);
        }
        keyword("FROM");
        List<Source> sources = sources(true);
        Expr condition = accept("WHERE") ? expr() : null;
        List<Expr> dimensions = new ArrayList<>();
        if (accept("GROUP")) {
            keyword("BY");
            do {
                dimensions.add(dimension());
            } while (acceptOperator(","));
        }
        Fill fill = Fill.DEFAULT;
        if (peek().is("fill") && tokens.get(index + 1).isOperator("(")) {
            fill = fill();
        }
        boolean descending = false;
        if (accept("ORDER")) {
            keyword("BY");
            Token field = next();
            if (!field.is("time")) {
                throw new QueryError("error parsing query: only ORDER BY time supported at this time");
            }
            if (accept("DESC")) {
                descending = true;
            } else {
                accept("ASC");
            }
        }
        long limit = accept("LIMIT") ? integer() : 0;
        long offset = accept("OFFSET") ? integer() : 0;
        long seriesLimit = accept("SLIMIT") ? integer() : 0;
        long seriesOffset = accept("SOFFSET") ? integer() : 0;
        ZoneId zone = null;
        if (peek().is("tz") && tokens.get(index + 1).isOperator("(")) {
            next();
            next();
            Token name = next();
            if (name.kind() != Token.Kind.STRING) {
                throw error(name, "string");
            }
            try {
                zone = ZoneId.of(name.text());
            } catch (DateTimeException e) {
                throw new QueryError("error parsing query: unable to find time zone " + name.text());
            }
            operator(")");
        }
        return new Statement.Select(List.copyOf(fields), sources, condition, List.copyOf(dimensions), fill, descending, limit,
                offset, seriesLimit, seriesOffset, zone, into);
    }

    private Fill fill() {
        next();
        next();
        Token token = next();
        Fill fill;
        if (token.is("null")) {
            fill = new Fill(FillMode.NULL, null);
        } else if (token.is("none")) {
            fill = new Fill(FillMode.NONE, null);
        } else if (token.is("previous")) {
            fill = new Fill(FillMode.PREVIOUS, null);
        } else if (token.is("linear")) {
            fill = new Fill(FillMode.LINEAR, null);
        } else if (token.kind() == Token.Kind.INTEGER) {
            fill = new Fill(FillMode.NUMBER, Long.parseLong(token.text()));
        } else if (token.kind() == Token.Kind.NUMBER) {
            fill = new Fill(FillMode.NUMBER, Double.parseDouble(token.text()));
        } else if (token.isOperator("-") && (peek().kind() == Token.Kind.INTEGER || peek().kind() == Token.Kind.NUMBER)) {
            Token number = next();
            fill = number.kind() == Token.Kind.INTEGER ? new Fill(FillMode.NUMBER, -Long.parseLong(number.text()))
                    : new Fill(FillMode.NUMBER, -Double.parseDouble(number.text()));
        } else {
            throw new QueryError("error parsing query: expected number argument in fill()");
        }
        operator(")");
        return fill;
    }

    private Expr dimension() {
        Token token = peek();
        if (token.isOperator("*")) {
            next();
            return new Expr.Wildcard(null);
        }
        if (token.kind() == Token.Kind.REGEX) {
            return regex();
        }
        if (token.is("time") && tokens.get(index + 1).isOperator("(")) {
            next();
            next();
            List<Expr> args = new ArrayList<>();
            do {
                args.add(expr());
            } while (acceptOperator(","));
            operator(")");
            return new Expr.Call("time", List.copyOf(args));
        }
        return new Expr.VarRef(identifier(), null);
    }

    private List<Source> sources(boolean allowSubquery) {
        List<Source> sources = new ArrayList<>();
        do {
            if (allowSubquery && peek().isOperator("(")) {
                next();
                keyword("SELECT");
                sources.add(new Statement.SubQuery(select()));
                operator(")");
            } else {
                sources.add(measurement(true));
            }
        } while (acceptOperator(","));
        return List.copyOf(sources);
    }

    private Source measurement(boolean allowRegex) {
        List<String> parts = new ArrayList<>();
        Expr.RegexLit regex = null;
        while (true) {
            Token token = peek();
            if (allowRegex && token.kind() == Token.Kind.REGEX) {
                regex = regex();
                break;
            }
            if (token.isOperator(".")) {
                parts.add(null);
                next();
                continue;
            }
            parts.add(identifier());
            if (!acceptOperator(".")) {
                break;
            }
        }
        if ((regex != null && parts.size() > 2) || parts.size() > 3) {
            throw new QueryError("error parsing query: too many segments in " + String.join(".", parts.stream()
                    .map(p -> p == null ? "" : p).toList()));
        }
        String db = null;
        String rp = null;
        String name = null;
        if (regex != null) {
            if (parts.size() == 2) {
                db = parts.get(0);
                rp = parts.get(1);
            } else if (parts.size() == 1) {
                rp = parts.get(0);
            }
        } else if (parts.size() == 3) {
            db = parts.get(0);
            rp = parts.get(1);
            name = parts.get(2);
        } else if (parts.size() == 2) {
            rp = parts.get(0);
            name = parts.get(1);
        } else {
            name = parts.get(0);
        }
        return new Measurement(db, rp, name, regex);
    }

    static boolean isReserved(String word) {
        return RESERVED.contains(word.toUpperCase(Locale.ROOT));
    }

    private Expr.RegexLit regex() {
        Token token = next();
        if (token.kind() != Token.Kind.REGEX) {
            throw error(token, "regex");
        }
        try {
            return new Expr.RegexLit(Pattern.compile(token.text()), token.text());
        } catch (PatternSyntaxException e) {
            throw new QueryError("error parsing query: error parsing regexp: " + e.getDescription() + ": `" + token.text() + "`");
        }
    }

    private long integer() {
        Token token = next();
        if (token.kind() != Token.Kind.INTEGER) {
            throw error(token, "integer");
        }
        return Long.parseLong(token.text());
    }

    private String identifier() {
        Token token = next();
        if (token.kind() == Token.Kind.QUOTED_IDENT) {
            return token.text();
        }
        if (token.kind() == Token.Kind.IDENT && !RESERVED.contains(token.text().toUpperCase(Locale.ROOT))) {
            return token.text();
        }
        throw error(token, "identifier");
    }

    // ---- expressions ----------------------------------------------------------------------------

    private Expr expr() {
        return binary(1);
    }

    private static int precedence(Token token) {
        if (token.is("OR")) {
            return 1;
        }
        if (token.is("AND")) {
            return 2;
        }
        if (token.kind() != Token.Kind.OPERATOR) {
            return 0;
        }
        return switch (token.text()) {
            case "=", "!=", "<>", "<", "<=", ">", ">=", "=~", "!~" -> 4;
            case "+", "-", "|", "^" -> 5;
            case "*", "/", "%", "&" -> 6;
            default -> 0;
        };
    }

    private Expr binary(int minPrecedence) {
        Expr lhs = unary();
        while (true) {
            Token op = peek();
            int precedence = precedence(op);
            if (precedence == 0 || precedence < minPrecedence) {
                return lhs;
            }
            next();
            String name = op.kind() == Token.Kind.IDENT ? op.text().toUpperCase(Locale.ROOT) : op.text();
            if (name.equals("<>")) {
                name = "!=";
            }
            Expr rhs;
            if ((name.equals("=~") || name.equals("!~")) && peek().kind() == Token.Kind.REGEX) {
                rhs = regex();
            } else {
                rhs = binary(precedence + 1);
            }
            lhs = new Expr.Binary(name, lhs, rhs);
        }
    }

    private Expr unary() {
        Token token = peek();
        if (token.isOperator("-") || token.isOperator("+")) {
            next();
            boolean negative = token.isOperator("-");
            Token after = peek();
            if (after.kind() == Token.Kind.INTEGER) {
                next();
                return new Expr.IntegerLit(negative ? -Long.parseLong(after.text()) : Long.parseLong(after.text()));
            }
            if (after.kind() == Token.Kind.NUMBER) {
                next();
                double value = Double.parseDouble(after.text());
                return new Expr.NumberLit(negative ? -value : value);
            }
            if (after.kind() == Token.Kind.DURATION) {
                next();
                long nanos = Durations.parse(after.text());
                return new Expr.DurationLit(negative ? -nanos : nanos);
            }
            Expr operand = primary();
            return negative ? new Expr.Binary("*", new Expr.IntegerLit(-1), operand) : operand;
        }
        return primary();
    }

    private Expr primary() {
        Token token = next();
        switch (token.kind()) {
            case INTEGER -> {
                try {
                    return new Expr.IntegerLit(Long.parseLong(token.text()));
                } catch (NumberFormatException e) {
                    return new Expr.NumberLit(Double.parseDouble(token.text()));
                }
            }
            case NUMBER -> {
                return new Expr.NumberLit(Double.parseDouble(token.text()));
            }
            case STRING -> {
                return new Expr.StringLit(token.text());
            }
            case DURATION -> {
                return new Expr.DurationLit(Durations.parse(token.text()));
            }
            case QUOTED_IDENT -> {
                return varRef(token.text());
            }
            case REGEX -> {
                index--;
                return regex();
            }
            case BOUND_PARAM -> throw new QueryError("missing parameter: " + token.text());
            case IDENT -> {
                if (peek().isOperator("(")) {
                    return call(token.text().toLowerCase(Locale.ROOT));
                }
                if (token.is("true") || token.is("false")) {
                    return new Expr.BooleanLit(token.is("true"));
                }
                if (RESERVED.contains(token.text().toUpperCase(Locale.ROOT))) {
                    throw error(token, "identifier, string, number, bool");
                }
                return varRef(token.text());
            }
            case OPERATOR -> {
                if (token.isOperator("(")) {
                    Expr inner = expr();
                    operator(")");
                    return new Expr.Paren(inner);
                }
                if (token.isOperator("*")) {
                    return new Expr.Wildcard(castSuffix());
                }
                throw error(token, "identifier, string, number, bool");
            }
            default -> throw error(token, "identifier, string, number, bool");
        }
    }

    private Expr varRef(String name) {
        return new Expr.VarRef(name, castSuffix());
    }

    private String castSuffix() {
        if (acceptOperator("::")) {
            Token type = next();
            String text = type.text().toLowerCase(Locale.ROOT);
            if (!Set.of("field", "tag", "float", "integer", "unsigned", "string", "boolean").contains(text)) {
                throw error(type, "float, integer, unsigned, string, boolean, field, tag");
            }
            return text;
        }
        return null;
    }

    private Expr call(String name) {
        operator("(");
        List<Expr> args = new ArrayList<>();
        if (!peek().isOperator(")")) {
            do {
                if (peek().kind() == Token.Kind.REGEX) {
                    args.add(regex());
                } else {
                    args.add(expr());
                }
            } while (acceptOperator(","));
        }
        operator(")");
        return new Expr.Call(name, List.copyOf(args));
    }

    // ---- SHOW / CREATE / DROP / DELETE -------------------------------------------------------------

    private Statement show() {
        Token what = next();
        if (what.is("DATABASES")) {
            return new Statement.ShowDatabases();
        }
        if (what.is("USERS")) {
            return new Statement.ShowUsers();
        }
        if (what.is("MEASUREMENTS")) {
            String db = accept("ON") ? identifier() : null;
            Expr.RegexLit regex = null;
            String name = null;
            if (accept("WITH")) {
                keyword("MEASUREMENT");
                if (acceptOperator("=~")) {
                    regex = regex();
                } else {
                    operator("=");
                    if (peek().kind() == Token.Kind.REGEX) {
                        regex = regex();
                    } else {
                        name = identifier();
                    }
                }
            }
            Expr condition = accept("WHERE") ? expr() : null;
            long limit = accept("LIMIT") ? integer() : 0;
            long offset = accept("OFFSET") ? integer() : 0;
            return new Statement.ShowMeasurements(db, regex, name, condition, limit, offset);
        }
        if (what.is("RETENTION")) {
            keyword("POLICIES");
            return new Statement.ShowRetentionPolicies(accept("ON") ? identifier() : null);
        }
        if (what.is("SERIES")) {
            String db = accept("ON") ? identifier() : null;
            List<Source> sources = accept("FROM") ? sources(false) : List.of();
            Expr condition = accept("WHERE") ? expr() : null;
            long limit = accept("LIMIT") ? integer() : 0;
            long offset = accept("OFFSET") ? integer() : 0;
            return new Statement.ShowSeries(db, sources, condition, limit, offset);
        }
        if (what.is("FIELD")) {
            keyword("KEYS");
            String db = accept("ON") ? identifier() : null;
            List<Source> sources = accept("FROM") ? sources(false) : List.of();
            long limit = accept("LIMIT") ? integer() : 0;
            long offset = accept("OFFSET") ? integer() : 0;
            return new Statement.ShowFieldKeys(db, sources, limit, offset);
        }
        if (what.is("TAG")) {
            Token kind = next();
            if (kind.is("KEYS")) {
                String db = accept("ON") ? identifier() : null;
                List<Source> sources = accept("FROM") ? sources(false) : List.of();
                Expr condition = accept("WHERE") ? expr() : null;
                long limit = accept("LIMIT") ? integer() : 0;
                long offset = accept("OFFSET") ? integer() : 0;
                return new Statement.ShowTagKeys(db, sources, condition, limit, offset);
            }
            if (kind.is("VALUES")) {
                return showTagValues();
            }
            throw error(kind, "KEYS, VALUES");
        }
        throw error(what, "CONTINUOUS, DATABASES, DIAGNOSTICS, FIELD, GRANTS, MEASUREMENT, MEASUREMENTS, QUERIES, "
                + "RETENTION, SERIES, SHARD, SHARDS, STATS, SUBSCRIPTIONS, TAG, USERS");
    }

    private Statement showTagValues() {
        String db = accept("ON") ? identifier() : null;
        List<Source> sources = accept("FROM") ? sources(false) : List.of();
        keyword("WITH");
        keyword("KEY");
        String op;
        List<String> keys = new ArrayList<>();
        Expr.RegexLit regex = null;
        if (accept("IN")) {
            op = "IN";
            operator("(");
            do {
                keys.add(identifier());
            } while (acceptOperator(","));
            operator(")");
        } else {
            Token token = next();
            op = token.text().equals("<>") ? "!=" : token.text();
            if (!Set.of("=", "!=", "=~", "!~").contains(op)) {
                throw error(token, "=, !=, =~, !~");
            }
            if (op.equals("=~") || op.equals("!~")) {
                regex = regex();
            } else {
                keys.add(identifier());
            }
        }
        Expr condition = accept("WHERE") ? expr() : null;
        long limit = accept("LIMIT") ? integer() : 0;
        long offset = accept("OFFSET") ? integer() : 0;
        return new Statement.ShowTagValues(db, sources, op, List.copyOf(keys), regex, condition, limit, offset);
    }

    private Statement create() {
        Token what = next();
        if (what.is("DATABASE")) {
            String name = identifier();
            RetentionSpec spec = null;
            if (accept("WITH")) {
                spec = retentionOptions(null, false);
            }
            return new Statement.CreateDatabase(name, spec);
        }
        if (what.is("RETENTION")) {
            keyword("POLICY");
            String name = identifier();
            keyword("ON");
            String db = identifier();
            RetentionSpec spec = retentionOptions(name, true);
            return new Statement.CreateRetentionPolicy(db, spec);
        }
        throw error(what, "CONTINUOUS, DATABASE, USER, RETENTION, SUBSCRIPTION");
    }

    private RetentionSpec retentionOptions(String name, boolean requireDurationAndReplication) {
        Long duration = null;
        Integer replication = null;
        Long shard = null;
        boolean makeDefault = false;
        String rpName = name;
        while (true) {
            if (accept("DURATION")) {
                duration = durationOrInf();
            } else if (accept("REPLICATION")) {
                replication = (int) integer();
            } else if (accept("SHARD")) {
                keyword("DURATION");
                shard = durationOrInf();
            } else if (accept("NAME")) {
                rpName = identifier();
            } else if (accept("DEFAULT")) {
                makeDefault = true;
            } else {
                break;
            }
        }
        if (requireDurationAndReplication && (duration == null || replication == null)) {
            throw error(peek(), duration == null ? "DURATION" : "REPLICATION");
        }
        return new RetentionSpec(rpName, duration, replication, shard, makeDefault);
    }

    private long durationOrInf() {
        Token token = next();
        if (token.is("INF")) {
            return 0;
        }
        if (token.kind() != Token.Kind.DURATION) {
            throw error(token, "duration");
        }
        return Durations.parse(token.text());
    }

    private Statement alterRetention() {
        String name = identifier();
        keyword("ON");
        String db = identifier();
        RetentionSpec spec = retentionOptions(name, false);
        return new Statement.AlterRetentionPolicy(db, spec);
    }

    private Statement drop() {
        Token what = next();
        if (what.is("DATABASE")) {
            return new Statement.DropDatabase(identifier());
        }
        if (what.is("MEASUREMENT")) {
            return new Statement.DropMeasurement(identifier());
        }
        if (what.is("RETENTION")) {
            keyword("POLICY");
            String name = identifier();
            keyword("ON");
            return new Statement.DropRetentionPolicy(identifier(), name);
        }
        if (what.is("SERIES")) {
            List<Source> sources = accept("FROM") ? sources(false) : List.of();
            Expr condition = accept("WHERE") ? expr() : null;
            if (sources.isEmpty() && condition == null) {
                throw new QueryError("error parsing query: DROP SERIES requires a FROM or WHERE clause");
            }
            return new Statement.DropSeries(sources, condition);
        }
        throw error(what, "CONTINUOUS, DATABASE, MEASUREMENT, RETENTION, SERIES, SHARD, SUBSCRIPTION, USER");
    }

    private Statement delete() {
        List<Source> sources = accept("FROM") ? sources(false) : List.of();
        Expr condition = accept("WHERE") ? expr() : null;
        if (sources.isEmpty() && condition == null) {
            throw error(peek(), "FROM, WHERE");
        }
        return new Statement.Delete(sources, condition);
    }
}
