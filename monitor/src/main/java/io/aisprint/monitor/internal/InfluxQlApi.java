package io.aisprint.monitor.internal;

import io.aisprint.monitor.influxql.QueryContext;
import io.aisprint.monitor.influxql.QueryEngine;
import io.aisprint.monitor.spi.InfluxQlStore;
import io.aisprint.monitor.spi.MetricStore;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * {@code GET|POST /query?q=&db=&rp=&epoch=&chunked=&chunk_size=}: InfluxQL as influxd answers it.
 * On a store that keeps the data model itself the query engine runs here; with the InfluxDB
 * back-end, the request goes to that server unchanged (it speaks InfluxQL natively).
 */
public final class InfluxQlApi {
    private InfluxQlApi() {
    }

    public static void handle(Context ctx, MetricStore store, Clock clock) {
        String statement = param(ctx, "q");
        ctx.header("X-Influxdb-Version", HttpFront.VERSION);
        ctx.header("X-Influxdb-Build", "OSS");
        ctx.contentType("application/json");
        if (statement == null || statement.isBlank()) {
            ctx.status(400).result(QueryEngine.errorBody("missing required parameter \"q\""));
            return;
        }
        if (store instanceof InfluxDbMetricStore remote) {
            InfluxDbMetricStore.Answer answer = remote.forward(ctx.method().name(), ctx.queryString(), ctx.body(),
                    ctx.header("Content-Type"));
            ctx.status(answer.status()).result(answer.body());
            return;
        }
        if (!(store instanceof InfluxQlStore typed)) {
            ctx.status(501).result(QueryEngine.errorBody("the " + store.name() + " store does not answer InfluxQL"));
            return;
        }
        long now = io.aisprint.monitor.TimeSpec.nanos(clock.instant());
        QueryContext context = new QueryContext(typed, param(ctx, "db"), param(ctx, "rp"), now);
        boolean chunked = "true".equalsIgnoreCase(param(ctx, "chunked"));
        int chunkSize = 0;
        String size = param(ctx, "chunk_size");
        if (size != null && size.matches("\\d{1,9}")) {
            chunkSize = Integer.parseInt(size);
        }
        boolean readOnly = ctx.method().name().equals("GET");
        QueryEngine.Response response = QueryEngine.run(statement, context, param(ctx, "epoch"), chunked, chunkSize, readOnly);
        ctx.status(response.status()).result(String.join("\n", response.bodies()) + "\n");
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null && "POST".equals(ctx.method().name())) {
            String type = ctx.header("Content-Type");
            if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
                value = ctx.formParam(name);
            } else if (type != null && type.startsWith("multipart/form-data")) {
                value = ctx.formParam(name);
            }
        }
        return value;
    }
}
