import type { Database } from './query.js';

/** How long after a long write the WAL is copied into the vault file, if nothing else is writing. */
export const IDLE_CHECKPOINT_MS = 1_000;

/**
 * Runs a long write (an import) with SQLite's automatic checkpoint off, so its
 * commit is only the WAL append and fsync (durable with `synchronous = FULL`), not
 * also the copy of every page into the vault file: 100,000 entries are about a
 * fifth of the import's time. That copy is a passive checkpoint a moment later,
 * when the app is idle; if another write comes first, the automatic checkpoint,
 * switched back on, does it. Uses better-sqlite3's pragma(): Kysely has no PRAGMA.
 */
export async function checkpointAfterwards<T>(database: Database, write: () => Promise<T>): Promise<T> {
  const every = database.pragma('wal_autocheckpoint', { simple: true }) as number;
  database.pragma('wal_autocheckpoint = 0');
  try {
    return await write();
  } finally {
    database.pragma(`wal_autocheckpoint = ${every}`);
    setTimeout(() => {
      if (database.open && !database.inTransaction) database.pragma('wal_checkpoint(PASSIVE)');
    }, IDLE_CHECKPOINT_MS).unref();
  }
}
