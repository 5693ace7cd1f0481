package io.aisprint.server.internal;

import java.util.List;
import java.util.Optional;

/** The SQL of the platform state: applications, design jobs and runs. */
public final class StateStore {
    /** Statuses of design jobs and runs. A run that was going on when the server died becomes INTERRUPTED. */
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String STOPPED = "stopped";
    public static final String INTERRUPTED = "interrupted";

    public record ApplicationRow(String id, String name, String source, String entry, boolean valid, long createdMs) {
    }

    public record DesignRow(String id, String applicationId, String status, String options, String result, String error,
            long createdMs, Long finishedMs) {
    }

    public record RunRow(String id, String applicationId, String status, String options, String summary, String error,
            long createdMs, Long startedMs, Long finishedMs) {
    }

    private final Database database;

    public StateStore(Database database) {
        this.database = database;
    }

    /** Marks every design and run that was queued or running when the server stopped as interrupted. */
    public int interruptUnfinished(long nowMs) {
        String message = "the server stopped while this was in progress";
        return database.update("UPDATE runs SET status = ?, error = ?, finished_ms = ? WHERE status IN (?, ?)", INTERRUPTED, message,
                nowMs, QUEUED, RUNNING)
                + database.update("UPDATE designs SET status = ?, error = ?, finished_ms = ? WHERE status IN (?, ?)", INTERRUPTED,
                        message, nowMs, QUEUED, RUNNING);
    }

    public void insertApplication(ApplicationRow row) {
        database.update("INSERT INTO applications (id, name, source, entry, valid, created_ms) VALUES (?, ?, ?, ?, ?, ?)", row.id(),
                row.name(), row.source(), row.entry(), row.valid(), row.createdMs());
    }

    public List<ApplicationRow> applications() {
        return database.query("SELECT id, name, source, entry, valid, created_ms FROM applications ORDER BY created_ms, id",
                r -> new ApplicationRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getBoolean(5), r.getLong(6)));
    }

    public Optional<ApplicationRow> application(String id) {
        return database.query("SELECT id, name, source, entry, valid, created_ms FROM applications WHERE id = ?",
                r -> new ApplicationRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getBoolean(5), r.getLong(6)),
                id).stream().findFirst();
    }

    public boolean deleteApplication(String id) {
        return database.update("DELETE FROM applications WHERE id = ?", id) > 0;
    }

    public void insertDesign(DesignRow row) {
        database.update("INSERT INTO designs (id, application_id, status, options, created_ms) VALUES (?, ?, ?, ?, ?)", row.id(),
                row.applicationId(), row.status(), row.options(), row.createdMs());
    }

    public void startDesign(String id) {
        database.update("UPDATE designs SET status = ? WHERE id = ?", RUNNING, id);
    }

    public void finishDesign(String id, String status, String result, String solution, String error, long finishedMs) {
        database.update("UPDATE designs SET status = ?, result = ?, solution = ?, error = ?, finished_ms = ? WHERE id = ?", status,
                result, solution, error, finishedMs, id);
    }

    /** The best placement of a finished design as a SPACE4AI-D solution JSON, when there is one. */
    public Optional<String> solution(String designId) {
        return database.query("SELECT solution FROM designs WHERE id = ? AND solution IS NOT NULL", r -> r.getString(1), designId)
                .stream().findFirst();
    }

    private static final String DESIGN_COLUMNS = "SELECT id, application_id, status, options, result, error, created_ms, finished_ms FROM designs";

    public Optional<DesignRow> design(String id) {
        return database.query(DESIGN_COLUMNS + " WHERE id = ?", StateStore::designRow, id).stream().findFirst();
    }

    public List<DesignRow> designs(String applicationId) {
        return applicationId == null ? database.query(DESIGN_COLUMNS + " ORDER BY created_ms, id", StateStore::designRow)
                : database.query(DESIGN_COLUMNS + " WHERE application_id = ? ORDER BY created_ms, id", StateStore::designRow,
                        applicationId);
    }

    private static DesignRow designRow(java.sql.ResultSet r) throws java.sql.SQLException {
        return new DesignRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getLong(7), (Long) r.getObject(8, Long.class));
    }

    public void insertRun(RunRow row) {
        database.update("INSERT INTO runs (id, application_id, status, options, created_ms) VALUES (?, ?, ?, ?, ?)", row.id(),
                row.applicationId(), row.status(), row.options(), row.createdMs());
    }

    public void startRun(String id, long startedMs) {
        database.update("UPDATE runs SET status = ?, started_ms = ? WHERE id = ?", RUNNING, startedMs, id);
    }

    public void finishRun(String id, String status, String summary, String error, long finishedMs) {
        database.update("UPDATE runs SET status = ?, summary = ?, error = ?, finished_ms = ? WHERE id = ?", status, summary, error,
                finishedMs, id);
    }

    public void insertRunEvent(String runId, long seq, String event, String data) {
        database.update("INSERT INTO run_events (run_id, seq, event, data) VALUES (?, ?, ?, ?)", runId, seq, event, data);
    }

    /** The stored events of a run in order, as {event, data} pairs. */
    public List<String[]> runEvents(String runId) {
        return database.query("SELECT event, data FROM run_events WHERE run_id = ? ORDER BY seq",
                r -> new String[] {r.getString(1), r.getString(2)}, runId);
    }

    private static final String RUN_COLUMNS = "SELECT id, application_id, status, options, summary, error, created_ms, started_ms, finished_ms FROM runs";

    public Optional<RunRow> run(String id) {
        return database.query(RUN_COLUMNS + " WHERE id = ?", StateStore::runRow, id).stream().findFirst();
    }

    public List<RunRow> runs(String applicationId) {
        return applicationId == null ? database.query(RUN_COLUMNS + " ORDER BY created_ms, id", StateStore::runRow)
                : database.query(RUN_COLUMNS + " WHERE application_id = ? ORDER BY created_ms, id", StateStore::runRow, applicationId);
    }

    private static RunRow runRow(java.sql.ResultSet r) throws java.sql.SQLException {
        return new RunRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getLong(7), (Long) r.getObject(8, Long.class), (Long) r.getObject(9, Long.class));
    }
}
