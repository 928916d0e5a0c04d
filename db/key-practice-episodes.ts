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
import { inIntegratedOrder } from './chronology.js';
import { all, type Database, first, query, run } from './query.js';
import { requireOpenReview, requireReview } from './reviews.js';
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
  const row = first(database, query.selectFrom('key_practice_episode').selectAll().where('id', '=', id));
  if (!row) throw new CasebookError('not_found', `key practice episode not found: ${id}`);
  return row;
}

function entryIdsOf(database: Database, episodeId: string): string[] {
  return all(
    database,
    inIntegratedOrder(
      query
        .selectFrom('key_practice_episode_entry as k')
        .innerJoin('chronology_entry as e', 'e.id', 'k.entry_id')
        .innerJoin('review_agency as a', 'a.id', 'e.agency_id')
        .select('e.id')
        .where('k.episode_id', '=', episodeId),
    ),
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
  requireReview(database, reviewId);
  const rows = all(
    database,
    query
      .selectFrom('key_practice_episode')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy((eb) => eb('span_from', 'is', null))
      .orderBy('span_from')
      .orderBy('created_at')
      .orderBy('id'),
  );
  return rows.map((row) => toEpisode(database, row));
}

/** Every id must be an entry of this review: a clear refusal rather than a foreign-key error. */
function requireEntriesOf(database: Database, reviewId: string, ids: readonly string[]): void {
  for (const id of new Set(ids)) {
    const row = first(database, query.selectFrom('chronology_entry').select('review_id').where('id', '=', id));
    if (!row || row.review_id !== reviewId) {
      throw new CasebookError('not_found', `chronology entry not found in this review: ${id}`);
    }
  }
}

function entriesWithin(database: Database, reviewId: string, from: string, to: string): string[] {
  return all(
    database,
    query
      .selectFrom('chronology_entry')
      .select('id')
      .where('review_id', '=', reviewId)
      .where('range_start', 'is not', null)
      .where('range_end', 'is not', null)
      .where('range_start', '>=', earliestOf(from))
      .where('range_end', '<=', latestOf(to)),
  ).map((row) => row.id);
}

function spanOfEntries(database: Database, ids: readonly string[]): { from: string | null; to: string | null } {
  if (ids.length === 0) return { from: null, to: null };
  let from: string | null = null;
  let to: string | null = null;
  for (const id of ids) {
    const row = first(
      database,
      query.selectFrom('chronology_entry').select(['range_start', 'range_end']).where('id', '=', id),
    );
    if (!row) continue;
    if (row.range_start !== null && (from === null || row.range_start < from)) from = row.range_start;
    if (row.range_end !== null && (to === null || row.range_end > to)) to = row.range_end;
  }
  return { from: from?.slice(0, 10) ?? null, to: to?.slice(0, 10) ?? null };
}

function link(database: Database, episodeId: string, ids: readonly string[]): void {
  for (const id of ids) {
    run(
      database,
      query
        .insertInto('key_practice_episode_entry')
        .values({ episode_id: episodeId, entry_id: id })
        .onConflict((conflict) => conflict.doNothing()),
    );
  }
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
      run(
        database,
        query.insertInto('key_practice_episode').values({
          id,
          review_id: input.reviewId,
          title: input.title,
          description: input.description,
          span_from: span.from,
          span_to: span.to,
          created_at: now,
          updated_at: now,
        }),
      );
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
    run(
      vault.database,
      query
        .updateTable('key_practice_episode')
        .set({
          title: changes.title ?? existing.title,
          description: changes.description !== undefined ? changes.description : existing.description,
          span_from: from,
          span_to: to,
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', id),
    );
  });
  return getEpisode(vault.database, id);
}

export function deleteEpisode(vault: VaultWriter, id: string): void {
  vault.write({ entity: 'key_practice_episode', entityId: id, action: 'deleted' }, () => {
    const existing = episodeRow(vault.database, id);
    requireOpenReview(vault.database, existing.review_id);
    // The entries stay: only the episode and its links go.
    run(vault.database, query.deleteFrom('key_practice_episode').where('id', '=', id));
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
      const links = query.deleteFrom('key_practice_episode_entry').where('episode_id', '=', input.episodeId);
      if (input.mode === 'remove') {
        if (input.entryIds.length > 0) run(database, links.where('entry_id', 'in', input.entryIds));
      } else {
        if (input.mode === 'replace') run(database, links);
        link(database, input.episodeId, input.entryIds);
      }
      run(
        database,
        query
          .updateTable('key_practice_episode')
          .set({ updated_at: new Date().toISOString() })
          .where('id', '=', input.episodeId),
      );
    },
  );
  return getEpisode(vault.database, input.episodeId);
}

/** Entry id -> titles of the episodes it belongs to (for exports and the table). */
export function episodeTitlesByEntry(database: Database, reviewId: string): Map<string, string[]> {
  const rows = all(
    database,
    query
      .selectFrom('key_practice_episode_entry as k')
      .innerJoin('key_practice_episode as p', 'p.id', 'k.episode_id')
      .select(['k.entry_id', 'p.title'])
      .where('p.review_id', '=', reviewId)
      .orderBy((eb) => eb('p.span_from', 'is', null))
      .orderBy('p.span_from')
      .orderBy('p.created_at'),
  );
  const titles = new Map<string, string[]>();
  for (const row of rows) titles.set(row.entry_id, [...(titles.get(row.entry_id) ?? []), row.title]);
  return titles;
}
