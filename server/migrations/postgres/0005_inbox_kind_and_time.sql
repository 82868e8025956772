-- The inbox counts and orders from message_triage alone: see the SQLite migration.
ALTER TABLE message_triage ADD COLUMN kind TEXT;
ALTER TABLE message_triage ADD COLUMN received_at TEXT;
UPDATE message_triage SET search_text = NULL;
