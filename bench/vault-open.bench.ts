import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openEncryptedDatabase } from '../db/connection.js';
import { Vault } from '../db/vault.js';
import { measure, report } from './stats.js';

/**
 * Unlock and open times of a vault holding 20,000 audited writes, against:
 * - the same data in a plain (unencrypted) SQLite file: the cost of encryption on open;
 * - SQLCipher's own passphrase key (PBKDF2, 256,000 iterations, paid on every open):
 *   what a raw key from our own KDF saves each time the vault is opened.
 */
export async function benchVaultOpen(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  const passphrase = 'violet harbour tractor 1987 pebble';
  try {
    const path = join(directory, 'bench.vault');
    const { vault } = await Vault.create(path, passphrase);
    const insert = vault.database.prepare('INSERT INTO setting (key, value) VALUES (?, ?)');
    vault.write({ entity: 'bench', action: 'filled' }, () => {
      for (let i = 0; i < 20_000; i++) insert.run(`bench-${i}`, JSON.stringify({ text: 'x'.repeat(200), i }));
    });
    for (let i = 0; i < 2_000; i++)
      vault.write({ entity: 'bench', action: 'touched', entityId: String(i) }, () => undefined);
    vault.close();

    const plainPath = join(directory, 'plain.sqlite');
    const plain = new BetterSqlite3(plainPath);
    plain.exec('CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
    const plainInsert = plain.prepare('INSERT INTO setting (key, value) VALUES (?, ?)');
    plain.transaction(() => {
      for (let i = 0; i < 20_000; i++) plainInsert.run(`bench-${i}`, JSON.stringify({ text: 'x'.repeat(200), i }));
    })();
    plain.close();

    const sqlcipherPath = join(directory, 'sqlcipher-passphrase.db');
    const keyed = new BetterSqlite3(sqlcipherPath);
    keyed.pragma(`cipher = 'sqlcipher'`);
    keyed.pragma('legacy = 4');
    keyed.pragma(`key = '${passphrase}'`);
    keyed.exec('CREATE TABLE t (x)');
    keyed.close();

    const countRows = (database: BetterSqlite3.Database) => database.prepare('SELECT count(*) FROM setting').get();

    const unlock = await measure(5, async () => (await Vault.unlock(path, { passphrase })).close());
    const dataKey = randomBytes(32);
    // Opening with a raw key: what every open costs once the key is derived (the measured part excludes scrypt).
    const rawKeyPath = join(directory, 'raw.vault');
    const rawCreate = openEncryptedDatabase(rawKeyPath, dataKey, { access: 'create' });
    rawCreate.exec('CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
    const rawInsert = rawCreate.prepare('INSERT INTO setting (key, value) VALUES (?, ?)');
    rawCreate.transaction(() => {
      for (let i = 0; i < 20_000; i++) rawInsert.run(`bench-${i}`, JSON.stringify({ text: 'x'.repeat(200), i }));
    })();
    rawCreate.close();
    const openRaw = await measure(30, () => {
      const database = openEncryptedDatabase(rawKeyPath, dataKey);
      countRows(database);
      database.close();
    });
    const openPlain = await measure(30, () => {
      const database = new BetterSqlite3(plainPath);
      countRows(database);
      database.close();
    });
    const openSqlcipherKdf = await measure(5, () => {
      const database = new BetterSqlite3(sqlcipherPath);
      database.pragma(`cipher = 'sqlcipher'`);
      database.pragma('legacy = 4');
      database.pragma(`key = '${passphrase}'`);
      database.prepare('SELECT count(*) FROM t').get();
      database.close();
    });

    console.log('\n# Vault unlock and open (20,000 rows, 2,000 audit entries)');
    report(
      'unlock (scrypt N=2^18 + open + migrate check + audit row)',
      unlock,
      'SQLCipher passphrase open (PBKDF2 256k)',
      openSqlcipherKdf,
    );
    report(
      'open encrypted vault with the derived raw key + count rows',
      openRaw,
      'plain SQLite open + count rows',
      openPlain,
    );
    report(
      'open encrypted vault with the derived raw key',
      openRaw,
      'SQLCipher passphrase open (PBKDF2 256k)',
      openSqlcipherKdf,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
