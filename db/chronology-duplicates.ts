import { type DuplicateCandidateEntry, findPossibleDuplicates } from '../shared/chronology/duplicates.js';
import type { DatePrecision, DateQualifier } from '../shared/dates/fuzzy-date.js';
import { all, type Database, first, insertRows, query } from './query.js';
import { requireOpenReview } from './reviews.js';
import type { VaultWriter } from './vault.js';

/**
 * Possible duplicates in the vault: detection (shared/chronology/duplicates.ts)
 * writes pairs to 0004's `chronology_duplicate` (one row per pair, entry_id <
 * other_id). A pair once decided is not flagged again by later detection.
 * Listing and decisions are in db/chronology-duplicate-flags.ts. No import of
 * db/chronology.ts here: it calls `flagPossibleDuplicates` after every import.
 */

function candidates(database: Database, reviewId: string): DuplicateCandidateEntry[] {
  const rows = all(
    database,
    query
      .selectFrom('chronology_entry')
      .select(['id', 'agency_id', 'date_precision', 'date_qualifier', 'date_start', 'date_end', 'date_text', 'event'])
      .where('review_id', '=', reviewId)
      .orderBy('seq'),
  );
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
 */
export function flagPossibleDuplicates(database: Database, reviewId: string, newEntryIds?: readonly string[]): number {
  if (newEntryIds && newEntryIds.length === 0) return 0;
  // One agency so far (the first import): nothing to compare across; skip reading and tokenising it all.
  // Counted through the review's agencies and the agency index: far cheaper than a scan of the entries.
  const agencies = all(
    database,
    query
      .selectFrom('review_agency as a')
      .select('a.id')
      .where('a.review_id', '=', reviewId)
      .where((eb) =>
        eb.exists(eb.selectFrom('chronology_entry as e').select('e.seq').whereRef('e.agency_id', '=', 'a.id')),
      )
      .limit(2),
  );
  if (agencies.length < 2) return 0;
  const only = newEntryIds ? new Set(newEntryIds) : undefined;
  let entries = candidates(database, reviewId);
  if (only) {
    // Old entries of the new entries' only agency can pair with none of them: leave them out.
    const newAgencies = new Set(entries.filter((entry) => only.has(entry.id)).map((entry) => entry.agency));
    if (newAgencies.size === 1)
      entries = entries.filter((entry) => only.has(entry.id) || !newAgencies.has(entry.agency));
  }
  const pairs = findPossibleDuplicates(entries, only ? { onlyInvolving: only } : {});
  const insert = insertRows(
    database,
    'chronology_duplicate',
    ['entry_id', 'other_id', 'status', 'score', 'flagged_at'],
    {
      onConflictDoNothing: true,
    },
  );
  const now = new Date().toISOString();
  const flagged = new Set<string>();
  for (const pair of pairs) {
    const [low, high] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
    const row = { entry_id: low, other_id: high, status: 'flagged', score: pair.score, flagged_at: now };
    if (insert(row).changes === 0) continue;
    for (const entryId of [pair.a, pair.b]) if (!only || only.has(entryId)) flagged.add(entryId);
  }
  return flagged.size;
}

/** Looks again across the whole review (after entries were edited): the count of new flags. */
export function detectDuplicates(vault: VaultWriter, reviewId: string): number {
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
    first(
      database,
      query
        .selectFrom('chronology_duplicate as x')
        .innerJoin('chronology_entry as e', 'e.id', 'x.entry_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('e.review_id', '=', reviewId),
    )?.n ?? 0
  );
}
