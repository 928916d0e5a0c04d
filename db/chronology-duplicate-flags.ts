import type { DuplicateDecision, DuplicateFlag, DuplicateStatus } from '../shared/api/channels/chronology-analysis.js';
import { CasebookError } from '../shared/api/errors.js';
import { getEntry } from './chronology.js';
import type { Database } from './query.js';
import { requireOpenReview } from './reviews.js';
import type { Vault } from './vault.js';

/**
 * The reviewer's side of possible duplicates: the flags of a review with both
 * entries, and decisions on them, kept on the flag's row in 0004's
 * `chronology_duplicate`: never by deleting or merging either entry.
 * Stored status `kept` is the contract's `kept-both`.
 */

type Writer = Pick<Vault, 'database' | 'write' | 'actor'>;

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

interface FlagRow {
  entry_id: string;
  other_id: string;
  status: string;
  score: number | null;
  flagged_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

const FLAG_SELECT = `SELECT x.entry_id, x.other_id, x.status, x.score, x.flagged_at, x.decided_at, x.decided_by,
  e.sort_key AS sort_a, o.sort_key AS sort_b, e.seq AS seq_a, o.seq AS seq_b
  FROM chronology_duplicate x
  JOIN chronology_entry e ON e.id = x.entry_id
  JOIN chronology_entry o ON o.id = x.other_id`;

type FlagRowWithOrder = FlagRow & { sort_a: string; sort_b: string; seq_a: number; seq_b: number };

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

function ordered(database: Database, row: FlagRowWithOrder): DuplicateFlag {
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
  if (!database.prepare('SELECT 1 FROM review WHERE id = ?').get(reviewId)) {
    throw new CasebookError('not_found', `review not found: ${reviewId}`);
  }
  const stored = statuses && statuses.length > 0 ? statuses.map((status) => STATUS_IN[status]) : null;
  const statusSql = stored ? ` AND x.status IN (${stored.map(() => '?').join(',')})` : '';
  const rows = database
    .prepare(`${FLAG_SELECT} WHERE e.review_id = ?${statusSql} ORDER BY min(e.sort_key, o.sort_key), e.seq`)
    .all(reviewId, ...(stored ?? [])) as FlagRowWithOrder[];
  return rows.map((row) => ordered(database, row));
}

function parseFlagId(flagId: string): [string, string] {
  const [entryId, otherId, ...rest] = flagId.split(':');
  if (!entryId || !otherId || rest.length > 0)
    throw new CasebookError('not_found', `duplicate flag not found: ${flagId}`);
  return [entryId, otherId];
}

function flagRow(database: Database, flagId: string): FlagRowWithOrder & { review_id: string } {
  const [entryId, otherId] = parseFlagId(flagId);
  const row = database
    .prepare(`${FLAG_SELECT.replace('SELECT ', 'SELECT e.review_id, ')} WHERE x.entry_id = ? AND x.other_id = ?`)
    .get(entryId, otherId) as (FlagRowWithOrder & { review_id: string }) | undefined;
  if (!row) throw new CasebookError('not_found', `duplicate flag not found: ${flagId}`);
  return row;
}

/**
 * The reviewer's decision: link (one event told by two agencies: both entries
 * stay, shown as linked), keep both (different events), dismiss (a wrong flag),
 * or reopen. Audited with the flag's id and the decision.
 */
export function resolveDuplicate(vault: Writer, flagId: string, decision: DuplicateDecision): DuplicateFlag {
  vault.write({ entity: 'chronology_duplicate', entityId: flagId, action: 'decided', detail: { decision } }, () => {
    const row = flagRow(vault.database, flagId);
    requireOpenReview(vault.database, row.review_id);
    const reopened = decision === 'reopen';
    vault.database
      .prepare(
        'UPDATE chronology_duplicate SET status = ?, decided_at = ?, decided_by = ? WHERE entry_id = ? AND other_id = ?',
      )
      .run(
        DECISION_STATUS[decision],
        reopened ? null : new Date().toISOString(),
        reopened ? null : vault.actor(),
        row.entry_id,
        row.other_id,
      );
  });
  return ordered(vault.database, flagRow(vault.database, flagId));
}

/** Linked pairs of a review, both directions: entry id -> the entries it is the same event as. */
export function linkedEntries(database: Database, reviewId: string): Map<string, string[]> {
  const rows = database
    .prepare(
      `SELECT x.entry_id, x.other_id FROM chronology_duplicate x JOIN chronology_entry e ON e.id = x.entry_id
       WHERE e.review_id = ? AND x.status = 'linked'`,
    )
    .all(reviewId) as { entry_id: string; other_id: string }[];
  const links = new Map<string, string[]>();
  const add = (from: string, to: string) => links.set(from, [...(links.get(from) ?? []), to]);
  for (const row of rows) {
    add(row.entry_id, row.other_id);
    add(row.other_id, row.entry_id);
  }
  return links;
}
