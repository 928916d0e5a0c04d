import type { Migration } from './index.js';

/**
 * The integrated chronology: agency imports, their entries, tags, links to people,
 * possible-duplicate flags, and the column mapping remembered per review agency.
 *
 * - `chronology_entry.seq` is an INTEGER PRIMARY KEY (a stable rowid) so the
 *   full-text index can point at it; `id` is the UUID everyone else uses.
 * - `sort_key` is shared/dates `sortKey` of the date, stored so the integrated
 *   order is one index scan; `range_start` / `range_end` are `rangeOf` (earliest
 *   and latest minute, null when open) for date filters, the timeline and
 *   duplicate checks. Both are derived from the date fields and rewritten with them.
 * - **Full-text search**: FTS5 external-content over event, action, significance,
 *   source and practitioner. External content (not contentless) so `highlight()`
 *   and `snippet()` work and the text is stored once. Updates and deletes are kept
 *   in sync by triggers; inserts are indexed by `insertRecords` in db/chronology.ts
 *   (the only writer of new entries) with one INSERT ... SELECT over the new rows:
 *   for a 100,000-row import that is about 0.5 s against about 3 s for a trigger
 *   firing per row (measured with bench/chronology-import.bench.ts).
 * - Agency references use the default NO ACTION (checked at the end of the
 *   statement), not RESTRICT, so deleting a review cascades cleanly.
 */
export const chronology: Migration = {
  name: '0004_chronology',
  up: (database) =>
    database.exec(`
      CREATE TABLE chronology_import (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
        agency_id TEXT NOT NULL REFERENCES review_agency (id),
        file_name TEXT NOT NULL,
        -- SHA-256 of the file's bytes, hex: the same file imported twice is detected by it.
        content_hash TEXT NOT NULL,
        sheet TEXT,
        mode TEXT NOT NULL CHECK (mode IN ('all-or-nothing', 'skip-invalid')),
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        rows_imported INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX chronology_import_hash ON chronology_import (review_id, content_hash);

      CREATE TABLE chronology_entry (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        review_id TEXT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
        agency_id TEXT NOT NULL REFERENCES review_agency (id),
        import_id TEXT REFERENCES chronology_import (id) ON DELETE SET NULL,
        -- The spreadsheet row as the reviewer sees it in Excel; null for a typed-in entry.
        source_row INTEGER,
        sequence TEXT,
        -- The sequence as a number when it is one ("12", "12.5"), for ordering; null otherwise.
        sequence_number REAL,
        date_text TEXT NOT NULL,
        date_precision TEXT NOT NULL CHECK (date_precision IN ('year', 'month', 'day', 'minute')),
        date_qualifier TEXT NOT NULL CHECK (date_qualifier IN ('on', 'circa', 'before', 'after', 'between')),
        date_start TEXT NOT NULL,
        date_end TEXT,
        sort_key TEXT NOT NULL,
        range_start TEXT,
        range_end TEXT,
        time TEXT,
        end_date TEXT,
        end_time TEXT,
        source TEXT,
        practitioner TEXT,
        child_seen TEXT CHECK (child_seen IN ('yes', 'no', 'not-known')),
        child_seen_text TEXT,
        event TEXT NOT NULL CHECK (length(trim(event)) > 0),
        action TEXT,
        significance TEXT,
        significant INTEGER NOT NULL DEFAULT 0 CHECK (significant IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- The integrated order within a review; ties are broken in memory (few per key).
      CREATE INDEX chronology_entry_order ON chronology_entry (review_id, sort_key);
      CREATE INDEX chronology_entry_agency ON chronology_entry (agency_id);

      CREATE TABLE chronology_entry_tag (
        entry_id TEXT NOT NULL REFERENCES chronology_entry (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (entry_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX chronology_entry_tag_tag ON chronology_entry_tag (tag COLLATE NOCASE);

      CREATE TABLE chronology_entry_person (
        entry_id TEXT NOT NULL REFERENCES chronology_entry (id) ON DELETE CASCADE,
        person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        PRIMARY KEY (entry_id, person_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX chronology_entry_person_person ON chronology_entry_person (person_id);

      -- Possible duplicates across agencies, one row per pair (entry_id < other_id).
      -- Filled by duplicate detection; 'flagged' and 'linked' pairs show in possibleDuplicateOf.
      CREATE TABLE chronology_duplicate (
        entry_id TEXT NOT NULL REFERENCES chronology_entry (id) ON DELETE CASCADE,
        other_id TEXT NOT NULL REFERENCES chronology_entry (id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'flagged' CHECK (status IN ('flagged', 'linked', 'kept', 'dismissed')),
        score REAL,
        flagged_at TEXT NOT NULL,
        decided_at TEXT,
        decided_by TEXT,
        PRIMARY KEY (entry_id, other_id),
        CHECK (entry_id < other_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX chronology_duplicate_other ON chronology_duplicate (other_id);

      -- The mapping the reviewer confirmed for an agency's files: JSON, field -> header text.
      CREATE TABLE chronology_mapping (
        agency_id TEXT PRIMARY KEY REFERENCES review_agency (id) ON DELETE CASCADE,
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE VIRTUAL TABLE chronology_fts USING fts5 (
        event, action, significance, source, practitioner,
        content = 'chronology_entry', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER chronology_fts_delete AFTER DELETE ON chronology_entry BEGIN
        INSERT INTO chronology_fts (chronology_fts, rowid, event, action, significance, source, practitioner)
        VALUES ('delete', old.seq, old.event, old.action, old.significance, old.source, old.practitioner);
      END;
      CREATE TRIGGER chronology_fts_update AFTER UPDATE OF event, action, significance, source, practitioner
      ON chronology_entry BEGIN
        INSERT INTO chronology_fts (chronology_fts, rowid, event, action, significance, source, practitioner)
        VALUES ('delete', old.seq, old.event, old.action, old.significance, old.source, old.practitioner);
        INSERT INTO chronology_fts (rowid, event, action, significance, source, practitioner)
        VALUES (new.seq, new.event, new.action, new.significance, new.source, new.practitioner);
      END;
    `),
};
