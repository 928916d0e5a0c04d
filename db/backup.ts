import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Backup, BackupMade } from '../shared/api/channels/vault.js';
import { CasebookError, cannotWriteMessage } from '../shared/api/errors.js';
import { verifyAuditChain } from './audit.js';
import { checkPages, openEncryptedDatabase } from './connection.js';
import { keyFilePath } from './key-envelope.js';
import { syncDirectory, writePrivateFile } from './private-file.js';
import type { Database } from './query.js';

export type { Backup, BackupMade };

/**
 * Backups of a vault: a copy of the database, still encrypted under the same data
 * key, and a copy of its key file beside it, so the backup opens with the same
 * passphrase and recovery key as the vault did when it was made.
 *
 * The copy is made with `VACUUM INTO`, not SQLite's backup API: in this build
 * (SQLite3 Multiple Ciphers) the backup API refuses a target that is not keyed,
 * and better-sqlite3 can only give it a file name, never a keyed connection,
 * whereas `VACUUM INTO` writes the copy encrypted under the source's cipher and key.
 * It reads one snapshot inside a read transaction, so the app keeps working and the
 * copy is consistent (every committed change before it, none after); the copy is a
 * single file (no -wal), compacted. Each backup is opened and checked (every page
 * decrypts, the audit chain holds) before it counts.
 */

/** Where automatic backups go: a folder beside the vault, `<vault name>-backups`. */
export function backupFolder(vaultPath: string): string {
  return join(dirname(vaultPath), `${basename(vaultPath, extname(vaultPath))}-backups`);
}

/** How many automatic backups are kept, and how old the newest may be before another is made. */
export const AUTOMATIC_BACKUPS = { keep: 7, everyHours: 24 } as const;

const AUTOMATIC_NAME = /^backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})\.casebook$/;

/**
 * Writes a backup of the open vault `database` (at `vaultPath`) to `target`, which
 * must not exist yet. The database copy is written under a temporary name and
 * renamed into place last, after the key file, so `target` is never a half copy.
 */
export function writeBackup(database: Database, dataKey: Buffer, vaultPath: string, target: string): BackupMade {
  if (existsSync(target) || existsSync(keyFilePath(target))) {
    throw new CasebookError('vault_exists', `${target} already exists: choose a new name for the backup`);
  }
  if (target === vaultPath) throw new CasebookError('invalid_payload', 'a backup cannot replace the vault itself');
  const folder = dirname(target);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new CasebookError('cannot_write', cannotWriteMessage(folder, (error as Error).message));
  }
  const temporary = join(folder, `.${basename(target)}.${randomBytes(8).toString('hex')}.partial`);
  try {
    database.prepare('VACUUM INTO ?').run(temporary);
    chmodSync(temporary, 0o600);
    fsyncFile(temporary);
    const checked = checkBackupFile(temporary, dataKey);
    writePrivateFile(keyFilePath(target), readFileSync(keyFilePath(vaultPath)));
    renameSync(temporary, target);
    syncDirectory(folder);
    return { ...describe(target), ...checked };
  } catch (error) {
    rmSync(temporary, { force: true });
    if (error instanceof CasebookError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
      throw new CasebookError('cannot_write', cannotWriteMessage(folder, 'the disk is full; the backup was not made'));
    }
    throw error;
  }
}

/**
 * Makes an automatic backup when the newest is older than `everyHours` (or there is
 * none), then keeps only the newest `keep`. Returns the backup made, or null.
 */
export function automaticBackup(database: Database, dataKey: Buffer, vaultPath: string, now: Date): BackupMade | null {
  const existing = listBackups(vaultPath);
  const newest = existing[0];
  if (newest && now.getTime() - Date.parse(newest.madeAt) < AUTOMATIC_BACKUPS.everyHours * 3_600_000) return null;
  const made = writeBackup(database, dataKey, vaultPath, join(backupFolder(vaultPath), automaticBackupName(now)));
  for (const old of listBackups(vaultPath).slice(AUTOMATIC_BACKUPS.keep)) {
    rmSync(old.path, { force: true });
    rmSync(old.keys, { force: true });
  }
  return made;
}

/** The automatic backups of a vault, newest first. */
export function listBackups(vaultPath: string): Backup[] {
  const folder = backupFolder(vaultPath);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => AUTOMATIC_NAME.test(name) && existsSync(keyFilePath(join(folder, name))))
    .map((name) => describe(join(folder, name)))
    .sort((a, b) => b.madeAt.localeCompare(a.madeAt));
}

/**
 * Opens a backup file with the data key, read-only, and checks it: every page
 * decrypts and authenticates, and the audit chain holds.
 */
export function checkBackupFile(path: string, dataKey: Buffer): { pages: number; auditEntries: number } {
  const database = openEncryptedDatabase(path, dataKey, { access: 'read' });
  try {
    const { pages } = checkPages(database);
    const chain = verifyAuditChain(database);
    if (!chain.ok) {
      throw new CasebookError('vault_damaged', `the backup's audit log is broken at entry ${chain.firstBrokenSeq}`);
    }
    return { pages, auditEntries: chain.entries };
  } finally {
    database.close();
  }
}

function describe(path: string): Backup {
  const name = basename(path);
  const parts = AUTOMATIC_NAME.exec(name)?.slice(1).map(Number);
  const stats = statSync(path);
  const [year = 0, month = 1, day = 1, hours = 0, minutes = 0, seconds = 0, milliseconds = 0] = parts ?? [];
  const madeAt = parts
    ? new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds, milliseconds)).toISOString()
    : stats.mtime.toISOString();
  return { path, keys: keyFilePath(path), madeAt, bytes: stats.size };
}

/** The file name of an automatic backup made at `now`. */
export function automaticBackupName(now: Date): string {
  // To the millisecond, so "Back up now" just after an automatic backup gets a name of its own.
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19);
  return `backup-${stamp}.casebook`;
}

function fsyncFile(path: string): void {
  const handle = openSync(path, 'r+');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/**
 * Copies a backup (database and key file) to `<vault>.restoring` beside the vault,
 * whole and fsynced, ready to be renamed into place by `commit()`. Restoring in two
 * steps keeps the window in which no vault sits at its path to two renames.
 */
export function placeBackupCopy(
  backupPath: string,
  vaultPath: string,
): { path: string; commit(): void; discard(): void } {
  if (!existsSync(backupPath)) throw new CasebookError('vault_not_found', `backup not found: ${backupPath}`);
  if (!existsSync(keyFilePath(backupPath))) {
    throw new CasebookError(
      'not_a_vault',
      `the backup ${backupPath} has no key file (${basename(keyFilePath(backupPath))}) beside it`,
    );
  }
  const path = `${vaultPath}.restoring`;
  const discard = () => {
    for (const file of [path, keyFilePath(path), `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
  };
  discard();
  try {
    writePrivateFile(path, readFileSync(backupPath));
    writePrivateFile(keyFilePath(path), readFileSync(keyFilePath(backupPath)));
  } catch (error) {
    discard();
    throw error;
  }
  return {
    path,
    discard,
    commit() {
      rmSync(`${path}-wal`, { force: true });
      rmSync(`${path}-shm`, { force: true });
      renameSync(keyFilePath(path), keyFilePath(vaultPath));
      renameSync(path, vaultPath);
      syncDirectory(dirname(vaultPath));
    },
  };
}

/**
 * Moves the vault's files (database, key file, -wal, -shm) to
 * `<vault>.before-restore-<time>`: kept, never deleted, in case the restore was a
 * mistake or the damaged copy is needed. Returns the new path, or null when there
 * was no vault.
 */
export function moveVaultAside(vaultPath: string, now: Date): string | null {
  if (!existsSync(vaultPath) && !existsSync(keyFilePath(vaultPath))) return null;
  const aside = `${vaultPath}.before-restore-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`;
  for (const [from, to] of [
    [`${vaultPath}-wal`, `${aside}-wal`],
    [`${vaultPath}-shm`, `${aside}-shm`],
    [keyFilePath(vaultPath), keyFilePath(aside)],
    [vaultPath, aside],
  ] as const) {
    if (existsSync(from)) renameSync(from, to);
  }
  syncDirectory(dirname(vaultPath));
  return aside;
}
