-- What the inbox filters, orders and searches each message by, worked out from the message
-- once when it arrives (staff::inbox::Facets), so the database filters, orders, counts and
-- pages the inbox and a page reads 25 messages however many are stored. The triage row is
-- now written with the message, in the same transaction.
--
-- search_text is NULL until worked out: rows from before this migration get theirs when the
-- server starts (staff::store::fill_facets).
ALTER TABLE message_triage ADD COLUMN about TEXT;            -- about_key: app, offer, entitlement:ID...
ALTER TABLE message_triage ADD COLUMN reason TEXT;           -- the feedback reason's slug
ALTER TABLE message_triage ADD COLUMN support_back INTEGER NOT NULL DEFAULT 0;  -- 1: 21 or over, asking again
ALTER TABLE message_triage ADD COLUMN search_text TEXT;      -- every field's words, lower case

INSERT INTO message_triage (message_id)
    SELECT id FROM messages m
    WHERE NOT EXISTS (SELECT 1 FROM message_triage t WHERE t.message_id = m.id)
    ORDER BY received_at, id;
