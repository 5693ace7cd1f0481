package io.aisprint.monitor.influxql;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an InfluxQL request (one or more statements) and words the answer as influxd's
 * {@code /query} does: a parse error fails the request (400); a statement's error is part of its
 * result (200) and the statements after it are not executed.
 */
public final class QueryEngine {
    /** The HTTP status and body(ies): one body, or one per chunk when chunked. */
    public record Response(int status, List<String> bodies) {
    }

    private QueryEngine() {
    }

    public static Response run(String text, QueryContext context, String epoch, boolean chunked, int chunkSize, boolean readOnly) {
        List<Statement> statements;
        try {
            statements = Parser.parse(text);
        } catch (QueryError e) {
            return new Response(400, List.of(errorBody(e.getMessage())));
        }
        if (statements.isEmpty()) {
            return new Response(400, List.of(errorBody("missing required parameter \"q\"")));
        }
        List<ResultJson.StatementResult> results = new ArrayList<>();
        ZoneId zone = null;
        boolean failed = false;
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            if (failed) {
                results.add(new ResultJson.StatementResult(i, List.of(), "not executed", List.of(), false, false));
                continue;
            }
            List<String> warnings = new ArrayList<>();
            if (readOnly && !(statement instanceof Statement.Select) && !isShow(statement)) {
                warnings.add("deprecated use of '" + text.trim() + "' in a read only context, please use a POST request instead");
            }
            try {
                if (statement instanceof Statement.Select select) {
                    if (select.into() != null) {
                        throw new QueryError("SELECT INTO is not supported by this server");
                    }
                    zone = select.zone();
                    results.add(new ResultJson.StatementResult(i, new SelectExecutor(context).execute(select, null), null, warnings,
                            false, true));
                } else {
                    results.add(new ResultJson.StatementResult(i, new MetaExecutor(context).execute(statement), null, warnings, false,
                            false));
                }
            } catch (QueryError e) {
                results.add(new ResultJson.StatementResult(i, List.of(), e.getMessage(), List.of(), false, false));
                failed = true;
            }
        }
        if (!chunked) {
            return new Response(200, List.of(ResultJson.results(results, epoch, zone, false)));
        }
        return new Response(200, Chunking.chunks(results, epoch, zone, chunkSize <= 0 ? 10_000 : chunkSize));
    }

    private static boolean isShow(Statement statement) {
        return statement.getClass().getSimpleName().startsWith("Show");
    }

    public static String errorBody(String message) {
        StringBuilder out = new StringBuilder("{\"error\":");
        ResultJson.string(out, message);
        return out.append('}').toString();
    }
}
