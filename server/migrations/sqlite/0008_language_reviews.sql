-- A speaker's check of a translation of the app. It is for the exact file checked (its hash):
-- a file changed since is a draft again until someone checks it.
CREATE TABLE language_reviews (
    code TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    reviewed_by TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    PRIMARY KEY (code, file_hash)
);
