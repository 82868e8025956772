-- Answers that flow back to the phone: the team's reply to a message (one per message; a
-- correction replaces it), and "You said, we did" entries published with the offer.

CREATE TABLE message_replies (
    message_id  TEXT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    written_at  TEXT NOT NULL,
    written_by  BIGINT REFERENCES staff_accounts (id)
);

CREATE TABLE you_said_we_did (
    id           TEXT PRIMARY KEY,
    said         TEXT NOT NULL,
    did          TEXT NOT NULL,
    done_on      TEXT NOT NULL,              -- YYYY-MM-DD
    about        TEXT,                       -- entitlement:ID, hub:ID or group:ID
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    withdrawn_at TEXT,
    author_id    BIGINT REFERENCES staff_accounts (id)
);
