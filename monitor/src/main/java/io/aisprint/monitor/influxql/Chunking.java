package io.aisprint.monitor.influxql;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code chunked=true}: influxd streams one JSON document per chunk of at most chunk_size rows
 * of one series; every chunk but a series' last is marked partial.
 */
final class Chunking {
    private Chunking() {
    }

    static List<String> chunks(List<ResultJson.StatementResult> results, String epoch, ZoneId zone, int chunkSize) {
        List<String> out = new ArrayList<>();
        for (ResultJson.StatementResult result : results) {
            if (result.series() == null || result.series().isEmpty()) {
                out.add(ResultJson.results(List.of(result), epoch, zone, false));
                continue;
            }
            List<ResultSeries> series = result.series();
            for (int s = 0; s < series.size(); s++) {
                ResultSeries one = series.get(s);
                int size = one.values().size();
                for (int from = 0; from < Math.max(size, 1); from += chunkSize) {
                    int to = Math.min(size, from + chunkSize);
                    boolean more = to < size;
                    ResultSeries part = new ResultSeries(one.name(), one.tags(), one.columns(), one.values().subList(from, to));
                    boolean statementPartial = more || s < series.size() - 1;
                    ResultJson.StatementResult chunk = new ResultJson.StatementResult(result.id(), List.of(part), null,
                            result.warnings(), more, result.timeColumn());
                    String body = ResultJson.results(List.of(chunk), epoch, zone, false);
                    if (statementPartial && !more) {
                        body = body.substring(0, body.length() - 3) + ",\"partial\":true}]}";
                    }
                    out.add(body);
                }
            }
        }
        return out;
    }
}
