import { entryDateFields } from '../../shared/chronology/entry.js';
import type { DatePrecision, DateQualifier } from '../../shared/dates/fuzzy-date.js';
import type { Migration } from './index.js';

/**
 * A citable, correctable chronology.
 *
 * - `chronology_entry.ref`: the entry's number in its review ("entry 12"), given in
 *   the chronology's order as entries are added and never reused; changed only by
 *   the reviewer's Renumber. NOT NULL with a default because SQLite adds a column
 *   to existing rows that way; every insert gives one, and the unique index refuses
 *   a second entry with the same number.
 * - `sort_key` is rewritten for every entry with shared/chronology/order.ts `orderKey`
 *   (an entry without a time now follows the timed entries of its day), and the
 *   existing entries are numbered in that order, review by review.
 * - `chronology_entry_deleted`: an entry the reviewer deleted, or whose import was
 *   removed, kept whole so it can be restored with its number: the entry's row and
 *   the rows of every table that points at it (tags, people, flags, episodes...) as
 *   JSON. Moving it out of chronology_entry, rather than marking it, keeps every
 *   query that reads entries (search, duplicates, analysis, statistics) unchanged.
 * - `chronology_import.removed_at` / `removed_by`: an import the reviewer removed;
 *   it stays listed in the audit log and as the provenance of restored entries.
 */
export const chronologyRefs: Migration = {
  name: '0008_chronology_refs',
  up: (database) => {
    database.exec(`
      ALTER TABLE chronology_entry ADD COLUMN ref INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE chronology_import ADD COLUMN removed_at TEXT;
      ALTER TABLE chronology_import ADD COLUMN removed_by TEXT;

      CREATE TABLE chronology_entry_deleted (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
        ref INTEGER NOT NULL,
        import_id TEXT REFERENCES chronology_import (id) ON DELETE SET NULL,
        reason TEXT NOT NULL CHECK (reason IN ('deleted', 'import-removed')),
        deleted_at TEXT NOT NULL,
        deleted_by TEXT NOT NULL,
        -- JSON: {"entry": the chronology_entry row, "links": {table: [rows pointing at it]}}.
        snapshot TEXT NOT NULL
      ) STRICT;
      CREATE INDEX chronology_entry_deleted_review ON chronology_entry_deleted (review_id, ref);
    `);
    const rows = database
      .prepare('SELECT seq, date_precision, date_qualifier, date_start, date_end, date_text FROM chronology_entry')
      .all() as {
      seq: number;
      date_precision: string;
      date_qualifier: string;
      date_start: string;
      date_end: string | null;
      date_text: string;
    }[];
    const setKey = database.prepare('UPDATE chronology_entry SET sort_key = ? WHERE seq = ?');
    for (const row of rows) {
      const { sortKey } = entryDateFields({
        precision: row.date_precision as DatePrecision,
        qualifier: row.date_qualifier as DateQualifier,
        start: row.date_start,
        end: row.date_end,
        text: row.date_text,
      });
      setKey.run(sortKey, row.seq);
    }
    // Numbered in the integrated order of db/chronology.ts as it is at this version.
    database.exec(`
      UPDATE chronology_entry SET ref = (
        SELECT n FROM (
          SELECT e.seq, row_number() OVER (
            PARTITION BY e.review_id
            ORDER BY e.sort_key, a.position, e.sequence_number IS NULL, e.sequence_number,
              e.sequence IS NULL, e.sequence, e.source_row IS NULL, e.source_row, e.seq
          ) AS n
          FROM chronology_entry e JOIN review_agency a ON a.id = e.agency_id
        ) numbered WHERE numbered.seq = chronology_entry.seq
      );
      CREATE UNIQUE INDEX chronology_entry_ref ON chronology_entry (review_id, ref);
    `);
  },
};
