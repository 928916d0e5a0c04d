import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { CasebookError, WRONG_PASSPHRASE_MESSAGE } from '../shared/api/errors.js';
import { sqlcipherRawKey } from './key-envelope.js';
import type { Database } from './query.js';

export interface ConnectionOptions {
  /**
   * Path of a better-sqlite3 native module built for this runtime. The Electron
   * shell passes a copy rebuilt for Electron's ABI; Node (tests, CLI, web host)
   * uses the default build in node_modules.
   */
  nativeBinding?: string | undefined;
}

/**
 * Opens an encrypted vault database with a raw 32-byte key. The cipher pragmas
 * must come before anything touches the file; the first read proves the key.
 */
export function openEncryptedDatabase(
  path: string,
  dataKey: Buffer,
  options: ConnectionOptions & { create?: boolean } = {},
): Database {
  const database = new BetterSqlite3(path, {
    fileMustExist: !options.create,
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
      if ((error as { code?: string }).code === 'SQLITE_NOTADB')
        throw new CasebookError('wrong_passphrase', WRONG_PASSPHRASE_MESSAGE);
      throw error;
    }
    database.pragma('journal_mode = WAL');
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
