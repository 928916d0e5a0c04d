import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditEntry, AuditVerification } from '../shared/api/contract.js';
import { all, type Database, first, query, run } from './query.js';
import type { AuditLogTable } from './schema/core.js';

/** What a write did, in the reviewers' terms. `detail` holds ids and counts, never names. */
export interface AuditChange {
  entity: string;
  entityId?: string | null;
  action: string;
  detail?: Record<string, unknown>;
}

const GENESIS_HASH = '0'.repeat(64);

/** An audit row as read back (seq assigned). */
type AuditRow = Selectable<AuditLogTable>;

function chainHash(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([
    prevHash,
    row.seq,
    row.at,
    row.actor,
    row.entity,
    row.entity_id,
    row.action,
    row.detail,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one audit row chained to the last. Call inside the transaction of the write it records. */
export function appendAudit(database: Database, actor: string, change: AuditChange, at: Date = new Date()): void {
  const last = first(database, query.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1));
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor,
    entity: change.entity,
    entity_id: change.entityId ?? null,
    action: change.action,
    detail: change.detail ? JSON.stringify(change.detail) : null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  run(database, query.insertInto('audit_log').values({ ...row, prev_hash: prevHash, hash: chainHash(prevHash, row) }));
}

/**
 * Runs `write` and records it in the audit log in one transaction: either both
 * happen or neither does. Every change to vault data goes through here.
 */
export function writeAudited<T>(
  database: Database,
  actor: string,
  change: AuditChange | ((result: T) => AuditChange),
  write: () => T,
): T {
  // IMMEDIATE takes the write lock first, waiting (busy timeout) for another process's
  // write; a deferred transaction that read first would fail at once when it finished.
  return database
    .transaction(() => {
      const result = write();
      appendAudit(database, actor, typeof change === 'function' ? change(result) : change);
      return result;
    })
    .immediate();
}

/**
 * Walks the whole chain; reports the first row that does not follow from the one
 * before. The chain starts with the vault's creation: a log without it lost its start.
 */
export function verifyAuditChain(database: Database): AuditVerification {
  const rows = database.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (const row of rows) {
    entries++;
    const broken = (problem: string): AuditVerification => {
      rows.return?.();
      return { ok: false, entries, firstBrokenSeq: row.seq, problem };
    };
    if (row.seq === 1 && !(row.entity === 'vault' && row.action === 'created'))
      return broken("entry 1 is not the vault's creation: the start of the log is missing");
    if (row.seq !== expectedSeq)
      return broken(`entry ${expectedSeq} is missing (found ${row.seq} after ${expectedSeq - 1})`);
    if (row.prev_hash !== prevHash) return broken(`entry ${row.seq} does not follow from entry ${row.seq - 1}`);
    if (chainHash(prevHash, row) !== row.hash) return broken(`entry ${row.seq} has been altered`);
    prevHash = row.hash;
    expectedSeq++;
  }
  if (entries === 0)
    return {
      ok: false,
      entries,
      firstBrokenSeq: 1,
      problem: "the audit log is empty: even the vault's creation is missing",
    };
  return { ok: true, entries, firstBrokenSeq: null, problem: null };
}

export function recentAudit(database: Database, limit: number): AuditEntry[] {
  return all(
    database,
    query
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor', 'entity', 'entity_id', 'action', 'detail'])
      .orderBy('seq', 'desc')
      .limit(limit),
  ).map((row) => ({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  }));
}

/**
 * Where the audit log stands: how many entries and the newest one's hash. The hash
 * covers every entry before it, so a copy kept outside the vault (every export
 * records one: an anchor) proves what the history up to there was.
 */
export interface AuditChainHead {
  entries: number;
  hash: string;
}

export function auditChainHead(database: Database): AuditChainHead {
  const last = first(database, query.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1));
  return { entries: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
}

/**
 * Whether the vault's history still contains an anchor taken by an export.
 * Someone holding the key can rewrite the log and recompute every hash so that
 * `verifyAuditChain` passes; they cannot make the entry at the anchor's position
 * carry the hash the anchor recorded, and the export that carried the anchor must
 * be recorded after it (it is written once the file is saved). Entries after that
 * are covered only by a later export's anchor. Run verifyAuditChain first.
 */
export function checkAuditAnchor(database: Database, anchor: AuditChainHead): AuditVerification {
  const head = auditChainHead(database);
  const fail = (problem: string): AuditVerification => ({
    ok: false,
    entries: head.entries,
    firstBrokenSeq: anchor.entries,
    problem,
  });
  const row = first(database, query.selectFrom('audit_log').select('hash').where('seq', '=', anchor.entries));
  if (anchor.entries > 0 && !row) {
    return fail(
      `the export was anchored at entry ${anchor.entries}, but the audit log now has only ${head.entries} entries: history has been cut`,
    );
  }
  if (row && row.hash !== anchor.hash) {
    return fail(
      `entry ${anchor.entries} now has hash ${row.hash}, but the export recorded ${anchor.hash}: the history up to it has been rewritten`,
    );
  }
  const exported = first(
    database,
    query
      .selectFrom('audit_log')
      .select('seq')
      .where('seq', '>', anchor.entries)
      .where('action', 'like', '%exported')
      .limit(1),
  );
  if (!exported) {
    return fail(
      `no export is recorded after entry ${anchor.entries}, yet this file is one: its record has been removed`,
    );
  }
  return { ok: true, entries: head.entries, firstBrokenSeq: null, problem: null };
}
