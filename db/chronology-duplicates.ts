import { type DuplicateCandidateEntry, findPossibleDuplicates } from '../shared/chronology/duplicates.js';
import type { DatePrecision, DateQualifier } from '../shared/dates/fuzzy-date.js';
import type { Database } from './query.js';
import { requireOpenReview } from './reviews.js';
import type { Vault } from './vault.js';

/**
 * Possible duplicates in the vault: detection (shared/chronology/duplicates.ts)
 * writes pairs to 0004's `chronology_duplicate` (one row per pair, entry_id <
 * other_id). A pair once decided is not flagged again by later detection.
 * Listing and decisions are in db/chronology-duplicate-flags.ts. No import of
 * db/chronology.ts here: it calls `flagPossibleDuplicates` after every import.
 */

type Writer = Pick<Vault, 'database' | 'write' | 'actor'>;

interface EntryForDetection {
  id: string;
  agency_id: string;
  date_precision: string;
  date_qualifier: string;
  date_start: string;
  date_end: string | null;
  date_text: string;
  event: string;
}

function candidates(database: Database, reviewId: string): DuplicateCandidateEntry[] {
  const rows = database
    .prepare(
      `SELECT id, agency_id, date_precision, date_qualifier, date_start, date_end, date_text, event
       FROM chronology_entry WHERE review_id = ? ORDER BY seq`,
    )
    .all(reviewId) as EntryForDetection[];
  return rows.map((row) => ({
    id: row.id,
    agency: row.agency_id,
    date: {
      precision: row.date_precision as DatePrecision,
      qualifier: row.date_qualifier as DateQualifier,
      start: row.date_start,
      end: row.date_end,
      text: row.date_text,
    },
    event: row.event,
  }));
}

/**
 * Flags possible duplicates of `newEntryIds` (or, without them, of every entry in
 * the review) and returns how many of those entries are now in a flagged pair.
 * Writes only: call it inside the write that added the entries (the import does).
 * Matches db/chronology.ts `DuplicateFlagger`.
 */
export function flagPossibleDuplicates(database: Database, reviewId: string, newEntryIds?: readonly string[]): number {
  if (newEntryIds && newEntryIds.length === 0) return 0;
  // One agency so far (the first import): nothing to compare across; skip reading and tokenising it all.
  const agencies = database
    .prepare('SELECT count(DISTINCT agency_id) AS n FROM chronology_entry WHERE review_id = ?')
    .get(reviewId) as { n: number };
  if (agencies.n < 2) return 0;
  const only = newEntryIds ? new Set(newEntryIds) : undefined;
  let entries = candidates(database, reviewId);
  if (only) {
    // Old entries of the new entries' only agency can pair with none of them: leave them out.
    const newAgencies = new Set(entries.filter((entry) => only.has(entry.id)).map((entry) => entry.agency));
    if (newAgencies.size === 1)
      entries = entries.filter((entry) => only.has(entry.id) || !newAgencies.has(entry.agency));
  }
  const pairs = findPossibleDuplicates(entries, only ? { onlyInvolving: only } : {});
  const insert = database.prepare(
    `INSERT INTO chronology_duplicate (entry_id, other_id, status, score, flagged_at)
     VALUES (?, ?, 'flagged', ?, ?) ON CONFLICT (entry_id, other_id) DO NOTHING`,
  );
  const now = new Date().toISOString();
  const flagged = new Set<string>();
  for (const pair of pairs) {
    const [low, high] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
    if (insert.run(low, high, pair.score, now).changes === 0) continue;
    for (const entryId of [pair.a, pair.b]) if (!only || only.has(entryId)) flagged.add(entryId);
  }
  return flagged.size;
}

/** Looks again across the whole review (after entries were edited): the count of new flags. */
export function detectDuplicates(vault: Writer, reviewId: string): number {
  return vault.write(
    (flagged: number) => ({
      entity: 'review',
      entityId: reviewId,
      action: 'duplicates detected',
      detail: { flagged },
    }),
    () => {
      requireOpenReview(vault.database, reviewId);
      const before = countFlags(vault.database, reviewId);
      flagPossibleDuplicates(vault.database, reviewId);
      return countFlags(vault.database, reviewId) - before;
    },
  );
}

function countFlags(database: Database, reviewId: string): number {
  return (
    database
      .prepare(
        `SELECT count(*) AS n FROM chronology_duplicate x JOIN chronology_entry e ON e.id = x.entry_id WHERE e.review_id = ?`,
      )
      .get(reviewId) as { n: number }
  ).n;
}
