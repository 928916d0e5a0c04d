import { chmodSync, existsSync, type Stats, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { CasebookError, notAVaultMessage, vaultDamagedMessage } from '../shared/api/errors.js';
import { sqlcipherRawKey } from './key-envelope.js';
import type { Database } from './query.js';

// Lets a read open name the vault as a URI with `immutable=1` (see `openEncryptedDatabase`).
// The native module reads this when it loads, i.e. at the first connection below;
// plain paths keep meaning what they did (we always pass absolute ones).
process.env.SQLITE_USE_URI = '1';

/**
 * How long a connection waits for another process's write (another window, a CLI
 * import) before giving up with SQLITE_BUSY, which the shells answer as `busy`.
 * better-sqlite3 waits synchronously, so the app's main process is held this
 * long: long enough for an ordinary write to finish, short of looking hung.
 */
export const BUSY_TIMEOUT_MS = 5000;

/** SQLCipher 4's page size (`legacy = 4`): a whole vault file is a whole number of pages. */
const PAGE_BYTES = 4096;

export interface ConnectionOptions {
  /**
   * Path of a better-sqlite3 native module built for this runtime. The Electron
   * shell passes a copy rebuilt for Electron's ABI; Node (tests, CLI, web host)
   * uses the default build in node_modules.
   */
  nativeBinding?: string | undefined;
  /** Overrides BUSY_TIMEOUT_MS; tests shorten it. */
  busyTimeoutMs?: number | undefined;
}

/**
 * `create` makes a new file (only `Vault.create`); `write` opens an existing vault;
 * `read` opens it without writing anything, so reading works on read-only media,
 * on a full disk and while another process writes.
 */
export type Access = 'create' | 'write' | 'read';

/**
 * Refuses what cannot be a vault before anything opens it. SQLite would take an
 * empty file for a new database, and the app would then rebuild an empty vault
 * over months of work and call it intact.
 */
export function checkVaultFile(path: string): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CasebookError('vault_not_found', `vault not found: ${path}`);
    throw error;
  }
  if (stats.isDirectory()) throw new CasebookError('not_a_vault', notAVaultMessage(path, 'it is a folder'));
  if (!stats.isFile()) throw new CasebookError('not_a_vault', notAVaultMessage(path, 'it is not a file'));
  if (stats.size === 0)
    throw new CasebookError('vault_damaged', vaultDamagedMessage('the vault file is empty (0 bytes)'));
  if (stats.size % PAGE_BYTES !== 0) {
    throw new CasebookError(
      'vault_damaged',
      vaultDamagedMessage(
        `the vault file is cut short (${stats.size} bytes is not a whole number of ${PAGE_BYTES}-byte pages)`,
      ),
    );
  }
}

/**
 * Opens an encrypted vault database with a raw 32-byte key. The cipher pragmas
 * must come before anything touches the file; the first read authenticates page 1.
 * The key has already been proven by the key file (its AES-GCM tag), so a page
 * that does not decrypt means damage, never a wrong passphrase.
 */
export function openEncryptedDatabase(
  path: string,
  dataKey: Buffer,
  options: ConnectionOptions & { access?: Access } = {},
): Database {
  const access = options.access ?? 'write';
  if (access === 'create') return connect(path, dataKey, options, 'create');
  checkVaultFile(path);
  if (access === 'write') {
    matchSidecarModes(path);
    return connect(path, dataKey, options, 'write');
  }
  try {
    return connect(path, dataKey, options, 'read');
  } catch (error) {
    // Even a WAL reader needs the -wal and -shm files, and cannot make them on
    // read-only media or a full disk. With no -wal frames there is nothing outside the
    // main file, and nobody can be writing (nor start to: they would need those files
    // too), so SQLite may read it as an unchanging file, without them.
    if (!CANNOT_MAKE_WAL_FILES.has(String((error as { code?: unknown }).code)) || walHasFrames(path)) throw error;
    return connect(`${pathToFileURL(resolve(path)).href}?immutable=1`, dataKey, options, 'read');
  }
}

const CANNOT_MAKE_WAL_FILES = new Set([
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_READONLY_CANTINIT',
  'SQLITE_READONLY_CANTLOCK',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR_SHMOPEN',
  'SQLITE_IOERR_SHMSIZE',
  'SQLITE_IOERR_SHMMAP',
  'SQLITE_FULL',
]);

function walHasFrames(path: string): boolean {
  return existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0;
}

/**
 * SQLite gives the -wal and -shm files the vault's mode when it makes them, and a
 * reader cannot delete them on close. So reading a read-only vault leaves a
 * read-only -shm that would keep the vault unwritable after its own permissions
 * are fixed: give them the vault's mode again before opening it to write.
 */
function matchSidecarModes(path: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  for (const sidecar of [`${path}-wal`, `${path}-shm`]) {
    try {
      if ((statSync(sidecar).mode & 0o777) !== mode) chmodSync(sidecar, mode);
    } catch {
      // Absent, or not ours to change: the open says what is wrong.
    }
  }
}

function connect(name: string, dataKey: Buffer, options: ConnectionOptions, access: Access): Database {
  const database = new BetterSqlite3(name, {
    readonly: access === 'read',
    fileMustExist: access !== 'create',
    timeout: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    database.pragma(`cipher = 'sqlcipher'`);
    database.pragma('legacy = 4');
    // A Buffer we wipe, not a hex string in a pragma (strings cannot be wiped).
    const rawKey = sqlcipherRawKey(dataKey);
    try {
      database.key(rawKey);
    } finally {
      rawKey.fill(0);
    }
    try {
      database.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
        throw new CasebookError(
          'vault_damaged',
          vaultDamagedMessage('the passphrase or recovery key is right, but the vault file does not decrypt'),
        );
      }
      throw error;
    }
    // WAL is recorded in the file itself, so only a new vault needs it set (setting it is a write).
    if (access === 'create') database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    // Sorts and temporary tables stay in memory: SQLite's temp files are not encrypted.
    database.pragma('temp_store = MEMORY');
    // 64 MiB of page cache (SQLite's default is 2 MiB): every miss here costs a decryption,
    // and a review's chronology with its indexes is tens of megabytes.
    database.pragma('cache_size = -65536');
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

/**
 * Reads, and so authenticates, every page in use: each SQLCipher page carries its
 * own message authentication code, and SQLite's integrity check visits every page
 * of every table and index. Throws `vault_damaged` naming the first problem.
 */
export function checkPages(database: Database): { pages: number } {
  // Pages already in this connection's cache would not be read from the disk again.
  database.pragma('shrink_memory');
  const pages = Number(database.pragma('page_count', { simple: true }));
  const report = integrityCheck(database);
  if (!report) {
    // SQLite gave up part-way (a page it needed to go on did not decrypt): check table by table to name where.
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 ORDER BY rootpage")
      .pluck()
      .all() as string[];
    const broken = tables.find((table) => integrityCheck(database, table) === null);
    throw new CasebookError(
      'vault_damaged',
      vaultDamagedMessage(
        `${broken ? `a page of the table ${broken}` : 'a page'} does not decrypt (its authentication code does not match)`,
      ),
    );
  }
  if (report.length === 1 && report[0] === 'ok') return { pages };
  const problems = report.filter((line) => !line.startsWith('*** in database'));
  // Once one page fails its check SQLite reports most of the pages after it too: name the first.
  const unreadable = /page (\d+): unable to get the page/.exec(problems[0] ?? '');
  const first = unreadable
    ? `page ${unreadable[1]} of ${pages} does not decrypt (its authentication code does not match)`
    : `SQLite's integrity check found "${problems[0]}"`;
  throw new CasebookError(
    'vault_damaged',
    vaultDamagedMessage(problems.length > 1 ? `${first}, and reports ${problems.length - 1} more problems` : first),
  );
}

/** SQLite's integrity check, line by line; null when a page it needed did not decrypt and it stopped. */
function integrityCheck(database: Database, table?: string): string[] | null {
  try {
    const rows = database.pragma(table ? `integrity_check("${table.replaceAll('"', '""')}")` : 'integrity_check') as {
      integrity_check: string;
    }[];
    return rows.flatMap((row) => row.integrity_check.split('\n'));
  } catch (error) {
    const code = String((error as { code?: unknown }).code);
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return null;
    throw error;
  }
}
