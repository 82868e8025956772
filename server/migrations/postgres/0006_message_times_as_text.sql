-- The messages table kept its two times as TIMESTAMPTZ while every other table keeps times
-- as RFC 3339 UTC text with microseconds (YYYY-MM-DDTHH:MM:SS.ffffffZ), as SQLite does.
-- Text here too lets the server write each query once for both databases. Existing rows
-- are converted in place, to the very text the server writes (microseconds, UTC, "Z"),
-- so they sort and compare exactly as new ones do. SQLite has always stored this text, so
-- it has no migration 0006.
ALTER TABLE messages
    ALTER COLUMN created_at TYPE TEXT
        USING to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    ALTER COLUMN received_at TYPE TEXT
        USING to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
