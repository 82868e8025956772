-- The staff side: accounts, one-time password links, sign-in failures, what staff do with
-- each message, and the audit log. Times are RFC 3339 UTC text with microseconds, so they
-- sort as text.

CREATE TABLE staff_accounts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL UNIQUE,          -- lower case
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,                 -- manager | pa | participation
    password_hash TEXT,                          -- argon2id PHC string; NULL until set
    -- Sessions carry the epoch they were made in; raising it ends every session at once.
    session_epoch INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    removed_at    TEXT                           -- kept so history still names who did what
);

-- One-time links to set a password. Only the token's SHA-256 is kept.
CREATE TABLE staff_password_links (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES staff_accounts (id),
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

-- Wrong passwords in a row, by the email typed, whether or not an account has it, so the
-- answer never tells anyone which emails exist.
CREATE TABLE staff_sign_in_failures (
    email         TEXT PRIMARY KEY NOT NULL,
    failures      INTEGER NOT NULL,
    last_failed_at TEXT NOT NULL,
    locked_until  TEXT
);

-- What staff do with a message. `ref` is the number staff see and the staff pages' URLs use,
-- so the phone's id (which will let the phone read its reply) never appears on the staff side.
CREATE TABLE message_triage (
    ref            INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id     TEXT NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
    status         TEXT NOT NULL DEFAULT 'new',  -- new | in-progress | done
    assigned_to    INTEGER REFERENCES staff_accounts (id),
    first_read_at  TEXT,
    done_at        TEXT,
    contact_method TEXT                          -- phone | text | email | in-person | not-reached
);
CREATE INDEX message_triage_by_status ON message_triage (status, done_at);

INSERT INTO message_triage (message_id)
    SELECT id FROM messages ORDER BY received_at, id;

-- Status changes, assignments and notes on a message, with who and when.
CREATE TABLE message_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id  TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    actor_id    INTEGER REFERENCES staff_accounts (id),
    action      TEXT NOT NULL,                   -- status | assigned | note
    detail      TEXT NOT NULL
);
CREATE INDEX message_events_by_message ON message_events (message_id, id);

-- Every sign-in, message opened, change, export and account change. Nothing on the web can
-- change or delete a row.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor_id    INTEGER REFERENCES staff_accounts (id),
    actor_email TEXT NOT NULL,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    address     TEXT NOT NULL
);

-- Daily jobs run once a day however many server copies share the database: a copy runs the
-- job only if it moves `last_day` forward itself.
CREATE TABLE job_runs (
    name      TEXT PRIMARY KEY NOT NULL,
    last_day  TEXT NOT NULL
);
