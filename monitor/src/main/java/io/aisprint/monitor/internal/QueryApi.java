package io.aisprint.monitor.internal;

import io.aisprint.monitor.QueryParameters;
import io.aisprint.monitor.SeriesQuery;
import io.aisprint.monitor.spi.MetricStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/** {@code GET /api/v1/query}: parameters and answer as in {@link QueryParameters}. */
public final class QueryApi {
    private QueryApi() {
    }

    public static void handle(Context ctx, MetricStore store, Clock clock) {
        SeriesQuery query = QueryParameters.parse(new QueryParameters.ParameterSource() {
            @Override
            public String get(String name) {
                return ctx.queryParam(name);
            }

            @Override
            public List<String> all(String name) {
                return ctx.queryParams(name);
            }
        }, clock);
        ctx.contentType("application/json");
        ctx.result(QueryParameters.toJson(store.query(query)).toString());
    }
}
