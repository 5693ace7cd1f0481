package io.aisprint.monitor.influxql;

import io.aisprint.monitor.spi.InfluxQlStore;

/** What a statement runs against: the store, the request's {@code db} and {@code rp}, and now. */
public record QueryContext(InfluxQlStore store, String database, String retentionPolicy, long now) {
    String requireDatabase() {
        if (database == null || database.isEmpty()) {
            throw new QueryError("database name required");
        }
        if (!store.catalog().hasDatabase(database)) {
            throw new QueryError("database not found: " + database);
        }
        return database;
    }
}
