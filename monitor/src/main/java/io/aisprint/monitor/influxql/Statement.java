package io.aisprint.monitor.influxql;

import java.time.ZoneId;
import java.util.List;

/** The InfluxQL statements this server executes. */
public sealed interface Statement {
    /** One column of a SELECT: an expression and its optional {@code AS} alias. */
    record Field(Expr expr, String alias) {
    }

    sealed interface Source {
    }

    /** {@code db.rp.name} or {@code /regex/}; db and rp may be null (the request's defaults). */
    record Measurement(String database, String retentionPolicy, String name, Expr.RegexLit regex) implements Source {
    }

    record SubQuery(Select select) implements Source {
    }

    enum FillMode { NULL, NONE, PREVIOUS, LINEAR, NUMBER }

    record Fill(FillMode mode, Object value) {
        static final Fill DEFAULT = new Fill(FillMode.NULL, null);
    }

    record Select(List<Field> fields, List<Source> sources, Expr condition, List<Expr> dimensions, Fill fill,
            boolean descending, long limit, long offset, long seriesLimit, long seriesOffset, ZoneId zone,
            Measurement into) implements Statement {
    }

    record ShowDatabases() implements Statement {
    }

    record ShowMeasurements(String database, Expr.RegexLit regex, String name, Expr condition, long limit, long offset)
            implements Statement {
    }

    record ShowTagKeys(String database, List<Source> sources, Expr condition, long limit, long offset) implements Statement {
    }

    /** {@code WITH KEY = k | != k | =~ /re/ | !~ /re/ | IN (a, b)}. */
    record ShowTagValues(String database, List<Source> sources, String keyOp, List<String> keys, Expr.RegexLit keyRegex,
            Expr condition, long limit, long offset) implements Statement {
    }

    record ShowFieldKeys(String database, List<Source> sources, long limit, long offset) implements Statement {
    }

    record ShowSeries(String database, List<Source> sources, Expr condition, long limit, long offset) implements Statement {
    }

    record ShowRetentionPolicies(String database) implements Statement {
    }

    record ShowUsers() implements Statement {
    }

    record CreateDatabase(String name, RetentionSpec retention) implements Statement {
    }

    /** The optional parts of CREATE DATABASE ... WITH / CREATE RETENTION POLICY. */
    record RetentionSpec(String name, Long durationNanos, Integer replication, Long shardNanos, boolean makeDefault) {
    }

    record DropDatabase(String name) implements Statement {
    }

    record CreateRetentionPolicy(String database, RetentionSpec spec) implements Statement {
    }

    record AlterRetentionPolicy(String database, RetentionSpec spec) implements Statement {
    }

    record DropRetentionPolicy(String database, String name) implements Statement {
    }

    record DropMeasurement(String name) implements Statement {
    }

    record DropSeries(List<Source> sources, Expr condition) implements Statement {
    }

    record Delete(List<Source> sources, Expr condition) implements Statement {
    }
}
