package io.aisprint.monitor.influxql;

import java.util.ArrayList;
import java.util.List;

/** LIMIT and OFFSET over a list (0 = no limit), as SHOW statements apply them. */
final class SelectLimits {
    private SelectLimits() {
    }

    static <T> List<T> apply(List<T> list, long limit, long offset) {
        int from = (int) Math.min(offset, list.size());
        int to = limit > 0 ? (int) Math.min(list.size(), from + limit) : list.size();
        return new ArrayList<>(list.subList(from, to));
    }
}
