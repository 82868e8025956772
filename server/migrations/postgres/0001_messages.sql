-- Messages from young people, one row per client-made id.
-- `body` is the message's canonical JSON as text (not jsonb, which would reorder it) and
-- `body_hash` its SHA-256 (hex), so a repeat of an id can be told from an id reused with
-- different words.
CREATE TABLE messages (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL,
    body_hash   TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX messages_by_received_at ON messages (received_at);
