-- The live view of every run (started, tick, replacement, replan events), so that a finished run's
-- charts can be drawn again after a restart. The closing 'end' event is made from the runs row.
CREATE TABLE run_events (
    run_id  VARCHAR(40) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq     INTEGER     NOT NULL,
    event   VARCHAR(20) NOT NULL,
    data    TEXT        NOT NULL,
    PRIMARY KEY (run_id, seq)
);
