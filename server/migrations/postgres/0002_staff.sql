-- The staff side: accounts, one-time password links, sign-in failures, what staff do with
-- each message, and the audit log. See the SQLite migration for notes on each table.
-- Times in these tables are RFC 3339 UTC text with microseconds (as on SQLite), so the
-- staff side writes one set of queries for both databases.

CREATE TABLE staff_accounts (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT,
    session_epoch BIGINT NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    removed_at    TEXT
);

CREATE TABLE staff_password_links (
    token_hash  TEXT PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES staff_accounts (id),
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

CREATE TABLE staff_sign_in_failures (
    email          TEXT PRIMARY KEY,
    failures       BIGINT NOT NULL,
    last_failed_at TEXT NOT NULL,
    locked_until   TEXT
);

CREATE TABLE message_triage (
    ref            BIGSERIAL PRIMARY KEY,
    message_id     TEXT NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
    status         TEXT NOT NULL DEFAULT 'new',
    assigned_to    BIGINT REFERENCES staff_accounts (id),
    first_read_at  TEXT,
    done_at        TEXT,
    contact_method TEXT
);
CREATE INDEX message_triage_by_status ON message_triage (status, done_at);

INSERT INTO message_triage (message_id)
    SELECT id FROM messages ORDER BY received_at, id;

CREATE TABLE message_events (
    id          BIGSERIAL PRIMARY KEY,
    message_id  TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    actor_id    BIGINT REFERENCES staff_accounts (id),
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE INDEX message_events_by_message ON message_events (message_id, id);

CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    BIGINT REFERENCES staff_accounts (id),
    actor_email TEXT NOT NULL,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    address     TEXT NOT NULL
);

CREATE TABLE job_runs (
    name      TEXT PRIMARY KEY,
    last_day  TEXT NOT NULL
);
