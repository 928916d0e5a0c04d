import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerification } from '../shared/api/contract.js';
import { all, type Database, first, query } from './query.js';

/** What a write did, in the reviewers' terms. `detail` holds ids and counts, never names. */
export interface AuditChange {
  entity: string;
  entityId?: string | null;
  action: string;
  detail?: Record<string, unknown>;
}

const GENESIS_HASH = '0'.repeat(64);

function chainHash(
  prevHash: string,
  row: {
    seq: number;
    at: string;
    actor: string;
    entity: string;
    entity_id: string | null;
    action: string;
    detail: string | null;
  },
): string {
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
  database
    .prepare(
      'INSERT INTO audit_log (seq, at, actor, entity, entity_id, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      row.seq,
      row.at,
      row.actor,
      row.entity,
      row.entity_id,
      row.action,
      row.detail,
      prevHash,
      chainHash(prevHash, row),
    );
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
  const rows = database.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<{
    seq: number;
    at: string;
    actor: string;
    entity: string;
    entity_id: string | null;
    action: string;
    detail: string | null;
    prev_hash: string;
    hash: string;
  }>;
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
      .select(['seq', 'at', 'actor', 'entity', 'entity_id', 'action'])
      .orderBy('seq', 'desc')
      .limit(limit),
  ).map((row) => ({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
  }));
}
