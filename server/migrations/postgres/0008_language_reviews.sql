-- A speaker's check of a translation of the app: see the SQLite migration.
CREATE TABLE language_reviews (
    code TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    reviewed_by TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    PRIMARY KEY (code, file_hash)
);
