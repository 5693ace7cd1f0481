package io.aisprint.server.internal;

import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * The platform state's SQL database: the embedded H2 file under the data directory by default, or
 * PostgreSQL (any JDBC URL) for a shared deployment. Flyway brings the schema up to date at open.
 * Every statement runs in its own auto-committed connection, so an answered request is committed.
 */
public final class Database implements AutoCloseable {
    /** H2 in PostgreSQL mode runs the same SQL as PostgreSQL; WRITE_DELAY=0 writes every commit out at once. */
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

    private final String url;
    private final Connection keeper;

    private Database(String url) {
        this.url = url;
        try {
            // Keeps an embedded database open between statements (H2 closes it with its last connection).
            this.keeper = connect();
        } catch (SQLException e) {
            throw storage(e, url);
        }
    }

    /**
     * A new connection. The H2 and PostgreSQL drivers are called directly: DriverManager would first
     * initialise every driver on the class path (Ignite's needs JVM flags that a plain server lacks).
     */
    private Connection connect() throws SQLException {
        java.sql.Driver driver = url.startsWith("jdbc:h2:") ? new org.h2.Driver()
                : url.startsWith("jdbc:postgresql:") ? new org.postgresql.Driver() : null;
        if (driver == null) {
            return DriverManager.getConnection(url);
        }
        Connection connection = driver.connect(url, new java.util.Properties());
        if (connection == null) {
            throw new SQLException("the driver does not take the URL " + redact(url));
        }
        return connection;
    }

    /** Opens (and migrates) the database {@code jdbcUrl}, or the embedded file under {@code dataDirectory} when it is null. */
    public static Database open(Path dataDirectory, String jdbcUrl) {
        String url = jdbcUrl != null ? jdbcUrl : embeddedUrl(dataDirectory);
        Database database = new Database(url);
        try {
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            database.close();
            throw new ServerException(ErrorCode.STORAGE, "cannot bring the database schema up to date: " + e.getMessage(),
                    redact(url), "Maybe the database belongs to a newer aisprint.", e);
        }
        return database;
    }

    static String embeddedUrl(Path dataDirectory) {
        return "jdbc:h2:file:" + dataDirectory.resolve("state").resolve("aisprint").toAbsolutePath() + H2_OPTIONS;
    }

    /** A row mapper that may throw SQLException. */
    public interface Rows<T> {
        T map(ResultSet row) throws SQLException;
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = connect();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw storage(e, url);
        }
    }

    public <T> List<T> query(String sql, Rows<T> rows, Object... parameters) {
        try (Connection connection = connect();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet result = statement.executeQuery()) {
            List<T> list = new ArrayList<>();
            while (result.next()) {
                list.add(rows.map(result));
            }
            return list;
        } catch (SQLException e) {
            throw storage(e, url);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static ServerException storage(SQLException e, String url) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        String hint = message.contains("already in use") || message.contains("locked")
                ? "Maybe an 'aisprint serve' holds this data directory; stop it, or use the API (POST /api/v1/tokens) while it runs."
                : null;
        return new ServerException(ErrorCode.STORAGE, "database error: " + message, redact(url), hint, e);
    }

    /** The URL without credentials, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll(";MODE=.*", "");
    }

    /** Whether this is the embedded file database. */
    public boolean embedded() {
        return url.startsWith("jdbc:h2:");
    }

    @Override
    public void close() {
        try {
            keeper.close();
        } catch (SQLException e) {
            // closing: nothing more to do
        }
    }
}
