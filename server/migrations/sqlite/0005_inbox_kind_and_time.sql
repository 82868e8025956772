-- The inbox counts and orders from message_triage alone, so each row also keeps its
-- message's kind and arrival time (they never change; the time as sortable RFC 3339 text,
-- as on PostgreSQL). The message store writes them with the message; rows from before this
-- migration get them when the server starts, with the rest of the inbox's columns
-- (staff::store::fill_facets finds them by their search_text being NULL).
ALTER TABLE message_triage ADD COLUMN kind TEXT;
ALTER TABLE message_triage ADD COLUMN received_at TEXT;
UPDATE message_triage SET search_text = NULL;
