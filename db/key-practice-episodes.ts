import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  assignEntriesSchema,
  episodeCreateSchema,
  episodeUpdateSchema,
  KeyPracticeEpisode,
} from '../shared/api/channels/chronology-analysis.js';
import { CasebookError } from '../shared/api/errors.js';
import { earliestOf, latestOf } from '../shared/dates/fuzzy-date.js';
import { ORDER_BY } from './chronology.js';
import type { Database } from './query.js';
import { requireOpenReview } from './reviews.js';
import type { KeyPracticeEpisodeTable } from './schema/chronology-analysis.js';
import type { VaultWriter } from './vault.js';

/**
 * Key practice episodes (SCIE Learning Together): a reviewer-chosen span of the
 * case and the entries in it, neutral about good or poor practice.
 *
 * - Made from a span of time, an episode takes in every entry whose date lies
 *   **wholly** within it: `2015` does not join an episode of March 2015, and an
 *   open date (`before 12/05/2015`) never joins by span. Chosen entries join
 *   whatever their date.
 * - Made from entries alone, its span is the earliest to the latest day they
 *   could mean, so the timeline can shade it.
 * - Changing the span later moves no entries: assignment is explicit.
 * Audit rows name ids and counts only (a title can name a family).
 */

export type EpisodeCreateInput = z.output<typeof episodeCreateSchema>;
export type EpisodeUpdateInput = z.output<typeof episodeUpdateSchema>;
export type AssignEntriesInput = z.output<typeof assignEntriesSchema>;

function episodeRow(database: Database, id: string): KeyPracticeEpisodeTable {
  const row = database.prepare('SELECT * FROM key_practice_episode WHERE id = ?').get(id) as
    | KeyPracticeEpisodeTable
    | undefined;
  if (!row) throw new CasebookError('not_found', `key practice episode not found: ${id}`);
  return row;
}

function entryIdsOf(database: Database, episodeId: string): string[] {
  return (
    database
      .prepare(
        `SELECT e.id FROM key_practice_episode_entry k
         JOIN chronology_entry e ON e.id = k.entry_id
         JOIN review_agency a ON a.id = e.agency_id
         WHERE k.episode_id = ? ORDER BY ${ORDER_BY}`,
      )
      .all(episodeId) as { id: string }[]
  ).map((row) => row.id);
}

function toEpisode(database: Database, row: KeyPracticeEpisodeTable): KeyPracticeEpisode {
  return {
    id: row.id,
    reviewId: row.review_id,
    title: row.title,
    description: row.description,
    from: row.span_from,
    to: row.span_to,
    entryIds: entryIdsOf(database, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getEpisode(database: Database, id: string): KeyPracticeEpisode {
  return toEpisode(database, episodeRow(database, id));
}

export function listEpisodes(database: Database, reviewId: string): KeyPracticeEpisode[] {
  if (!database.prepare('SELECT 1 FROM review WHERE id = ?').get(reviewId)) {
    throw new CasebookError('not_found', `review not found: ${reviewId}`);
  }
  const rows = database
    .prepare(
      `SELECT * FROM key_practice_episode WHERE review_id = ?
       ORDER BY span_from IS NULL, span_from, created_at, id`,
    )
    .all(reviewId) as KeyPracticeEpisodeTable[];
  return rows.map((row) => toEpisode(database, row));
}

/** Every id must be an entry of this review: a clear refusal rather than a foreign-key error. */
function requireEntriesOf(database: Database, reviewId: string, ids: readonly string[]): void {
  const unique = [...new Set(ids)];
  const check = database.prepare('SELECT review_id FROM chronology_entry WHERE id = ?');
  for (const id of unique) {
    const row = check.get(id) as { review_id: string } | undefined;
    if (!row || row.review_id !== reviewId) {
      throw new CasebookError('not_found', `chronology entry not found in this review: ${id}`);
    }
  }
}

function entriesWithin(database: Database, reviewId: string, from: string, to: string): string[] {
  return (
    database
      .prepare(
        `SELECT id FROM chronology_entry WHERE review_id = ?
         AND range_start IS NOT NULL AND range_end IS NOT NULL AND range_start >= ? AND range_end <= ?`,
      )
      .all(reviewId, earliestOf(from), latestOf(to)) as { id: string }[]
  ).map((row) => row.id);
}

function spanOfEntries(database: Database, ids: readonly string[]): { from: string | null; to: string | null } {
  if (ids.length === 0) return { from: null, to: null };
  let from: string | null = null;
  let to: string | null = null;
  const read = database.prepare('SELECT range_start, range_end FROM chronology_entry WHERE id = ?');
  for (const id of ids) {
    const row = read.get(id) as { range_start: string | null; range_end: string | null };
    if (row.range_start !== null && (from === null || row.range_start < from)) from = row.range_start;
    if (row.range_end !== null && (to === null || row.range_end > to)) to = row.range_end;
  }
  return { from: from?.slice(0, 10) ?? null, to: to?.slice(0, 10) ?? null };
}

function link(database: Database, episodeId: string, ids: readonly string[]): void {
  const insert = database.prepare(
    'INSERT INTO key_practice_episode_entry (episode_id, entry_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  for (const id of ids) insert.run(episodeId, id);
}

export function createEpisode(vault: VaultWriter, input: EpisodeCreateInput): KeyPracticeEpisode {
  const id = randomUUID();
  vault.write(
    (entries: number) => ({
      entity: 'key_practice_episode',
      entityId: id,
      action: 'created',
      detail: { review: input.reviewId, entries },
    }),
    () => {
      const { database } = vault;
      requireOpenReview(database, input.reviewId);
      requireEntriesOf(database, input.reviewId, input.entryIds);
      const bySpan =
        input.from !== null && input.to !== null ? entriesWithin(database, input.reviewId, input.from, input.to) : [];
      const ids = [...new Set([...bySpan, ...input.entryIds])];
      const span =
        input.from !== null || input.to !== null ? { from: input.from, to: input.to } : spanOfEntries(database, ids);
      const now = new Date().toISOString();
      database
        .prepare(
          `INSERT INTO key_practice_episode (id, review_id, title, description, span_from, span_to, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.reviewId, input.title, input.description, span.from, span.to, now, now);
      link(database, id, ids);
      return ids.length;
    },
  );
  return getEpisode(vault.database, id);
}

export function updateEpisode(vault: VaultWriter, input: EpisodeUpdateInput): KeyPracticeEpisode {
  const { id, ...changes } = input;
  const fields = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  vault.write({ entity: 'key_practice_episode', entityId: id, action: 'updated', detail: { fields } }, () => {
    const existing = episodeRow(vault.database, id);
    requireOpenReview(vault.database, existing.review_id);
    const from = changes.from !== undefined ? changes.from : existing.span_from;
    const to = changes.to !== undefined ? changes.to : existing.span_to;
    if (from !== null && to !== null && from > to) {
      throw new CasebookError('invalid_payload', 'The span must not end before it starts');
    }
    vault.database
      .prepare(
        `UPDATE key_practice_episode SET title = ?, description = ?, span_from = ?, span_to = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(
        changes.title ?? existing.title,
        changes.description !== undefined ? changes.description : existing.description,
        from,
        to,
        new Date().toISOString(),
        id,
      );
  });
  return getEpisode(vault.database, id);
}

export function deleteEpisode(vault: VaultWriter, id: string): void {
  vault.write({ entity: 'key_practice_episode', entityId: id, action: 'deleted' }, () => {
    const existing = episodeRow(vault.database, id);
    requireOpenReview(vault.database, existing.review_id);
    // The entries stay: only the episode and its links go.
    vault.database.prepare('DELETE FROM key_practice_episode WHERE id = ?').run(id);
  });
}

export function assignEntries(vault: VaultWriter, input: AssignEntriesInput): KeyPracticeEpisode {
  vault.write(
    {
      entity: 'key_practice_episode',
      entityId: input.episodeId,
      action: `entries ${input.mode === 'add' ? 'added' : input.mode === 'remove' ? 'removed' : 'replaced'}`,
      detail: { entries: new Set(input.entryIds).size },
    },
    () => {
      const { database } = vault;
      const existing = episodeRow(database, input.episodeId);
      requireOpenReview(database, existing.review_id);
      requireEntriesOf(database, existing.review_id, input.entryIds);
      if (input.mode === 'remove') {
        const remove = database.prepare('DELETE FROM key_practice_episode_entry WHERE episode_id = ? AND entry_id = ?');
        for (const entryId of input.entryIds) remove.run(input.episodeId, entryId);
      } else {
        if (input.mode === 'replace') {
          database.prepare('DELETE FROM key_practice_episode_entry WHERE episode_id = ?').run(input.episodeId);
        }
        link(database, input.episodeId, input.entryIds);
      }
      database
        .prepare('UPDATE key_practice_episode SET updated_at = ? WHERE id = ?')
        .run(new Date().toISOString(), input.episodeId);
    },
  );
  return getEpisode(vault.database, input.episodeId);
}

/** Entry id -> titles of the episodes it belongs to (for exports and the table). */
export function episodeTitlesByEntry(database: Database, reviewId: string): Map<string, string[]> {
  const rows = database
    .prepare(
      `SELECT k.entry_id, p.title FROM key_practice_episode_entry k
       JOIN key_practice_episode p ON p.id = k.episode_id
       WHERE p.review_id = ? ORDER BY p.span_from IS NULL, p.span_from, p.created_at`,
    )
    .all(reviewId) as { entry_id: string; title: string }[];
  const titles = new Map<string, string[]>();
  for (const row of rows) titles.set(row.entry_id, [...(titles.get(row.entry_id) ?? []), row.title]);
  return titles;
}
