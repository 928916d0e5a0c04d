import type { InferResult } from 'kysely';
import type { DuplicateDecision, DuplicateFlag, DuplicateStatus } from '../shared/api/channels/chronology-analysis.js';
import { CasebookError } from '../shared/api/errors.js';
import { getEntry } from './chronology.js';
import { all, type Database, first, query, run } from './query.js';
import { requireOpenReview, requireReview } from './reviews.js';
import type { VaultWriter } from './vault.js';

/**
 * The reviewer's side of possible duplicates: the flags of a review with both
 * entries, and decisions on them, kept on the flag's row in 0004's
 * `chronology_duplicate`: never by deleting or merging either entry.
 * Stored status `kept` is the contract's `kept-both`.
 */

const STATUS_OUT: Record<string, DuplicateStatus> = {
  flagged: 'flagged',
  linked: 'linked',
  kept: 'kept-both',
  dismissed: 'dismissed',
};
const STATUS_IN: Record<DuplicateStatus, string> = {
  flagged: 'flagged',
  linked: 'linked',
  'kept-both': 'kept',
  dismissed: 'dismissed',
};
const DECISION_STATUS: Record<DuplicateDecision, string> = {
  link: 'linked',
  'keep-both': 'kept',
  dismiss: 'dismissed',
  reopen: 'flagged',
};

/** A flag with both entries' place in the order, so the earlier entry can come first. */
function flagSelect() {
  return query
    .selectFrom('chronology_duplicate as x')
    .innerJoin('chronology_entry as e', 'e.id', 'x.entry_id')
    .innerJoin('chronology_entry as o', 'o.id', 'x.other_id')
    .select([
      'x.entry_id',
      'x.other_id',
      'x.status',
      'x.score',
      'x.flagged_at',
      'x.decided_at',
      'x.decided_by',
      'e.review_id',
      'e.sort_key as sort_a',
      'o.sort_key as sort_b',
      'e.seq as seq_a',
      'o.seq as seq_b',
      'e.ref as ref_a',
      'o.ref as ref_b',
    ]);
}

type FlagRow = InferResult<ReturnType<typeof flagSelect>>[number];

function toFlag(database: Database, row: FlagRow): DuplicateFlag {
  const first = getEntry(database, row.entry_id);
  const second = getEntry(database, row.other_id);
  return {
    id: `${row.entry_id}:${row.other_id}`,
    score: row.score,
    status: STATUS_OUT[row.status] ?? 'flagged',
    flaggedAt: row.flagged_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    entries: [first, second],
  };
}

function ordered(database: Database, row: FlagRow): DuplicateFlag {
  const flag = toFlag(database, row);
  const laterFirst = row.sort_a > row.sort_b || (row.sort_a === row.sort_b && row.seq_a > row.seq_b);
  if (laterFirst) flag.entries = [flag.entries[1], flag.entries[0]];
  return flag;
}

/** A review's flags in the integrated order of their earlier entry. */
export function listDuplicates(
  database: Database,
  reviewId: string,
  statuses?: readonly DuplicateStatus[],
): DuplicateFlag[] {
  requireReview(database, reviewId);
  const stored = statuses && statuses.length > 0 ? statuses.map((status) => STATUS_IN[status]) : null;
  const rows = all(
    database,
    flagSelect()
      .where('e.review_id', '=', reviewId)
      .$if(stored !== null, (select) => select.where('x.status', 'in', stored ?? []))
      .orderBy((eb) => eb.fn('min', ['e.sort_key', 'o.sort_key']))
      .orderBy('e.seq'),
  );
  return rows.map((row) => ordered(database, row));
}

function parseFlagId(flagId: string): [string, string] {
  const [entryId, otherId, ...rest] = flagId.split(':');
  if (!entryId || !otherId || rest.length > 0)
    throw new CasebookError('not_found', `duplicate flag not found: ${flagId}`);
  return [entryId, otherId];
}

function flagRow(database: Database, flagId: string): FlagRow {
  const [entryId, otherId] = parseFlagId(flagId);
  const row = first(database, flagSelect().where('x.entry_id', '=', entryId).where('x.other_id', '=', otherId));
  if (!row) throw new CasebookError('not_found', `duplicate flag not found: ${flagId}`);
  return row;
}

/**
 * The reviewer's decision: link (one event told by two agencies: both entries
 * stay, shown as linked), keep both (different events), dismiss (a wrong flag),
 * or reopen. Audited with the flag's id, the decision and the two entries' numbers.
 */
export function resolveDuplicate(vault: VaultWriter, flagId: string, decision: DuplicateDecision): DuplicateFlag {
  vault.write(
    // The audit log names the two entries by their numbers, as the reviewer cites them.
    (entries: number[]) => ({
      entity: 'chronology_duplicate',
      entityId: flagId,
      action: 'decided',
      detail: { decision, entries },
    }),
    () => {
      const row = flagRow(vault.database, flagId);
      requireOpenReview(vault.database, row.review_id);
      const reopened = decision === 'reopen';
      run(
        vault.database,
        query
          .updateTable('chronology_duplicate')
          .set({
            status: DECISION_STATUS[decision],
            decided_at: reopened ? null : new Date().toISOString(),
            decided_by: reopened ? null : vault.actor(),
          })
          .where('entry_id', '=', row.entry_id)
          .where('other_id', '=', row.other_id),
      );
      return [row.ref_a, row.ref_b].sort((a, b) => a - b);
    },
  );
  return ordered(vault.database, flagRow(vault.database, flagId));
}

/** Linked pairs of a review, both directions: entry id -> the entries it is the same event as. */
export function linkedEntries(database: Database, reviewId: string): Map<string, string[]> {
  const rows = all(
    database,
    query
      .selectFrom('chronology_duplicate as x')
      .innerJoin('chronology_entry as e', 'e.id', 'x.entry_id')
      .select(['x.entry_id', 'x.other_id'])
      .where('e.review_id', '=', reviewId)
      .where('x.status', '=', 'linked'),
  );
  const links = new Map<string, string[]>();
  const add = (from: string, to: string) => links.set(from, [...(links.get(from) ?? []), to]);
  for (const row of rows) {
    add(row.entry_id, row.other_id);
    add(row.other_id, row.entry_id);
  }
  return links;
}
