-- Councils as tenants: every row belongs to one council, and every query names it.
-- Rows made before councils existed belong to council 1, which the first `council add`
-- takes over (until then it is the one council served on any host). The defaults that
-- give old rows council 1 are dropped after, so an insert that forgets its council fails.
CREATE TABLE councils (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    short_name  TEXT,
    accent      TEXT,
    content_dir TEXT,
    team_email  TEXT,
    public_url  TEXT,
    last_ref    BIGINT NOT NULL DEFAULT 0
);
INSERT INTO councils (id, slug, name, last_ref)
    VALUES (1, 'default', '', (SELECT COALESCE(MAX(ref), 0) FROM message_triage));
SELECT setval(pg_get_serial_sequence('councils', 'id'), 1);

CREATE TABLE council_hosts (
    host       TEXT PRIMARY KEY,
    council_id BIGINT NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    main       BIGINT NOT NULL DEFAULT 0      -- 1: the host its links use
);

ALTER TABLE messages ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
CREATE INDEX messages_by_council ON messages (council_id, received_at);

ALTER TABLE message_triage ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
ALTER TABLE message_triage ADD COLUMN council_ref BIGINT;
UPDATE message_triage SET council_ref = ref;
CREATE UNIQUE INDEX message_triage_by_council_ref ON message_triage (council_id, council_ref);

ALTER TABLE message_events ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
ALTER TABLE message_replies ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
ALTER TABLE you_said_we_did ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
ALTER TABLE audit_log ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
CREATE INDEX audit_log_by_council ON audit_log (council_id, id);
ALTER TABLE staff_password_links ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);

ALTER TABLE staff_accounts ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
ALTER TABLE staff_accounts DROP CONSTRAINT staff_accounts_email_key;
ALTER TABLE staff_accounts ADD CONSTRAINT staff_accounts_council_email UNIQUE (council_id, email);

ALTER TABLE staff_sign_in_failures ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
ALTER TABLE staff_sign_in_failures DROP CONSTRAINT staff_sign_in_failures_pkey;
ALTER TABLE staff_sign_in_failures ADD PRIMARY KEY (council_id, email);

ALTER TABLE job_runs ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
ALTER TABLE job_runs DROP CONSTRAINT job_runs_pkey;
ALTER TABLE job_runs ADD PRIMARY KEY (council_id, name);

ALTER TABLE offer_versions ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
ALTER TABLE offer_versions DROP CONSTRAINT offer_versions_pkey;
ALTER TABLE offer_versions ADD PRIMARY KEY (council_id, number);

ALTER TABLE offer_draft ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
ALTER TABLE offer_draft DROP COLUMN id;
ALTER TABLE offer_draft ADD PRIMARY KEY (council_id);

ALTER TABLE language_reviews ADD COLUMN council_id BIGINT NOT NULL DEFAULT 1 REFERENCES councils (id);
ALTER TABLE language_reviews DROP CONSTRAINT language_reviews_pkey;
ALTER TABLE language_reviews ADD PRIMARY KEY (council_id, code, file_hash);

ALTER TABLE messages ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE message_triage ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE message_events ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE message_replies ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE you_said_we_did ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE audit_log ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE staff_password_links ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE staff_accounts ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE staff_sign_in_failures ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE job_runs ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE offer_versions ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE offer_draft ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE language_reviews ALTER COLUMN council_id DROP DEFAULT;
