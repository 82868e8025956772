-- The offer lives in the database once the server has started once: every published version
-- (kept for history and restore) and at most one draft, which officers edit in the staff side.
-- Both hold the offer as JSON (offer_core::Offer without its version and "You said, we did").
CREATE TABLE offer_versions (
    number INTEGER PRIMARY KEY,
    offer TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    changes TEXT NOT NULL
);

-- One row or none: no row means nothing is waiting to be published. `revision` rises with each
-- save, so two saves at the same moment cannot both win.
CREATE TABLE offer_draft (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    offer TEXT NOT NULL,
    revision INTEGER NOT NULL,
    changed_by TEXT NOT NULL,
    changed_by_id INTEGER,
    changed_at TEXT NOT NULL
);
