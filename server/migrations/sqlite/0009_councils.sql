-- Councils as tenants: every row belongs to one council, and every query names it.
--
-- Rows made before councils existed belong to council 1, which the first `council add`
-- takes over (until then it is the one council served on any host). Tables whose keys
-- change are rebuilt. SQLite adds a column with a REFERENCES clause only with a NULL
-- default while foreign keys are on, so the added columns name no parent here; staff
-- accounts, which other tables point at, are rebuilt with foreign keys off after the
-- migrations (`db::upgrade`), with their email unique per council.

CREATE TABLE councils (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,               -- '': the name its offer gives
    short_name  TEXT,
    accent      TEXT,                        -- #rrggbb for the header and manifest
    content_dir TEXT,                        -- NULL: the server's CONTENT_DIR
    team_email  TEXT,                        -- NULL: the server's TEAM_EMAIL
    public_url  TEXT,                        -- NULL: https:// and its first host
    last_ref    INTEGER NOT NULL DEFAULT 0   -- the last message reference it gave
);
INSERT INTO councils (id, slug, name, last_ref)
    VALUES (1, 'default', '', (SELECT COALESCE(MAX(ref), 0) FROM message_triage));

CREATE TABLE council_hosts (
    host       TEXT PRIMARY KEY NOT NULL,    -- lower case, no port
    council_id INTEGER NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    main       INTEGER NOT NULL DEFAULT 0      -- 1: the host its links use
);

ALTER TABLE messages ADD COLUMN council_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX messages_by_council ON messages (council_id, received_at);

-- A council's own reference numbers, so one council cannot read another's volume in them.
ALTER TABLE message_triage ADD COLUMN council_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE message_triage ADD COLUMN council_ref INTEGER;
UPDATE message_triage SET council_ref = ref;
CREATE UNIQUE INDEX message_triage_by_council_ref ON message_triage (council_id, council_ref);

ALTER TABLE message_events ADD COLUMN council_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE message_replies ADD COLUMN council_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE you_said_we_did ADD COLUMN council_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_log ADD COLUMN council_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX audit_log_by_council ON audit_log (council_id, id);
ALTER TABLE staff_password_links ADD COLUMN council_id INTEGER NOT NULL DEFAULT 1;

ALTER TABLE staff_accounts ADD COLUMN council_id INTEGER NOT NULL DEFAULT 1;

CREATE TABLE staff_sign_in_failures_new (
    council_id     INTEGER NOT NULL REFERENCES councils (id),
    email          TEXT NOT NULL,
    failures       INTEGER NOT NULL,
    last_failed_at TEXT NOT NULL,
    locked_until   TEXT,
    PRIMARY KEY (council_id, email)
);
INSERT INTO staff_sign_in_failures_new SELECT 1, email, failures, last_failed_at, locked_until FROM staff_sign_in_failures;
DROP TABLE staff_sign_in_failures;
ALTER TABLE staff_sign_in_failures_new RENAME TO staff_sign_in_failures;

CREATE TABLE job_runs_new (
    council_id INTEGER NOT NULL REFERENCES councils (id),
    name       TEXT NOT NULL,
    last_day   TEXT NOT NULL,
    PRIMARY KEY (council_id, name)
);
INSERT INTO job_runs_new SELECT 1, name, last_day FROM job_runs;
DROP TABLE job_runs;
ALTER TABLE job_runs_new RENAME TO job_runs;

CREATE TABLE offer_versions_new (
    council_id   INTEGER NOT NULL REFERENCES councils (id),
    number       INTEGER NOT NULL,
    offer        TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    changes      TEXT NOT NULL,
    PRIMARY KEY (council_id, number)
);
INSERT INTO offer_versions_new SELECT 1, number, offer, published_at, published_by, changes FROM offer_versions;
DROP TABLE offer_versions;
ALTER TABLE offer_versions_new RENAME TO offer_versions;

CREATE TABLE offer_draft_new (
    council_id    INTEGER PRIMARY KEY NOT NULL REFERENCES councils (id),
    offer         TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    changed_by    TEXT NOT NULL,
    changed_by_id INTEGER,
    changed_at    TEXT NOT NULL
);
INSERT INTO offer_draft_new SELECT 1, offer, revision, changed_by, changed_by_id, changed_at FROM offer_draft;
DROP TABLE offer_draft;
ALTER TABLE offer_draft_new RENAME TO offer_draft;

CREATE TABLE language_reviews_new (
    council_id  INTEGER NOT NULL REFERENCES councils (id),
    code        TEXT NOT NULL,
    file_hash   TEXT NOT NULL,
    reviewed_by TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    PRIMARY KEY (council_id, code, file_hash)
);
INSERT INTO language_reviews_new SELECT 1, code, file_hash, reviewed_by, reviewed_at FROM language_reviews;
DROP TABLE language_reviews;
ALTER TABLE language_reviews_new RENAME TO language_reviews;

