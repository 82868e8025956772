-- Messages from young people, one row per client-made id.
-- `body` is the message's canonical JSON and `body_hash` its SHA-256 (hex), so a repeat of
-- an id can be told from an id reused with different words. Times are RFC 3339 UTC text
-- with microseconds, so they sort as text.
CREATE TABLE messages (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL,
    body_hash   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    received_at TEXT NOT NULL
);

CREATE INDEX messages_by_received_at ON messages (received_at);
