-- The offer in the database: see the SQLite migration.
CREATE TABLE offer_versions (
    number BIGINT PRIMARY KEY,
    offer TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    changes TEXT NOT NULL
);

CREATE TABLE offer_draft (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    offer TEXT NOT NULL,
    revision BIGINT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_by_id BIGINT,
    changed_at TEXT NOT NULL
);
