-- What the inbox filters, orders and searches each message by, worked out once when it
-- arrives. See the SQLite migration for notes on each column.
ALTER TABLE message_triage ADD COLUMN about TEXT;
ALTER TABLE message_triage ADD COLUMN reason TEXT;
ALTER TABLE message_triage ADD COLUMN support_back BIGINT NOT NULL DEFAULT 0;
ALTER TABLE message_triage ADD COLUMN search_text TEXT;

INSERT INTO message_triage (message_id)
    SELECT id FROM messages m
    WHERE NOT EXISTS (SELECT 1 FROM message_triage t WHERE t.message_id = m.id)
    ORDER BY received_at, id;
