import { randomBytes, randomFillSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname } from 'node:path';
import { CasebookError, cannotWriteMessage, notAVaultMessage, WRONG_PASSPHRASE_MESSAGE } from '../shared/api/errors.js';
import { assessPassphrase, weakPassphraseMessage } from '../shared/passphrase.js';
import { formatRecoveryKey, parseRecoveryKey, RECOVERY_KEY_BYTES } from '../shared/recovery-key.js';
import { APP_VERSION } from '../shared/version.js';
import { type AuditChange, appendAudit, verifyAuditChain, writeAudited } from './audit.js';
import { automaticBackup, type BackupMade, moveVaultAside, placeBackupCopy, writeBackup } from './backup.js';
import { type ConnectionOptions, checkPages, checkVaultFile, openEncryptedDatabase } from './connection.js';
import {
  commitPendingKeyEnvelope,
  DATA_KEY_BYTES,
  DEFAULT_SCRYPT,
  type KeyEnvelope,
  keyFilePath,
  readKeyEnvelope,
  secretBuffer,
  settlePendingKeyFile,
  sqlcipherRawKey,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  wrapWithPassphrase,
  wrapWithRecoveryKey,
  writeKeyEnvelope,
  writePendingKeyEnvelope,
} from './key-envelope.js';
import { migrate, pendingMigrations } from './migrate.js';
import { syncDirectory } from './private-file.js';
import type { Database } from './query.js';
import { readSettings } from './settings.js';

export type VaultSecret = { passphrase: string } | { recoveryKey: string };

export interface VaultOptions extends ConnectionOptions {
  /** scrypt cost for new key files; tests may lower it, the app never does. */
  scrypt?: { N: number; r: number; p: number };
  now?: () => Date;
}

/**
 * An unlocked vault: the open encrypted database and its data key. Lock it with
 * `close()`; the key is wiped from memory and the database closed.
 */
export class Vault {
  private constructor(
    readonly path: string,
    readonly database: Database,
    private readonly dataKey: Buffer,
    private method: 'passphrase' | 'recoveryKey',
    private readonly options: VaultOptions,
  ) {}

  /** Creates a new vault; returns it unlocked with the recovery key to show once. */
  static async create(
    path: string,
    passphrase: string,
    options: VaultOptions = {},
    /** The person creating it, recorded in the audit log from its first entry (default: the OS account). */
    reviewerName?: string,
  ): Promise<{ vault: Vault; recoveryKey: string }> {
    if (existsSync(path) || existsSync(keyFilePath(path))) {
      throw new CasebookError('vault_exists', `a vault already exists at ${path}`);
    }
    const assessment = assessPassphrase(passphrase);
    if (!assessment.acceptable) throw new CasebookError('weak_passphrase', weakPassphraseMessage(assessment));

    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
      throw new CasebookError(
        'cannot_write',
        cannotWriteMessage(dirname(path), 'it is a file, where the vault needs a folder'),
      );
    }
    const dataKey = secretBytes(DATA_KEY_BYTES);
    const recoveryBytes = randomBytes(RECOVERY_KEY_BYTES);
    const envelope = {
      format: 'casebook-vault-keys' as const,
      version: 1 as const,
      passphrase: await wrapWithPassphrase(dataKey, passphrase, options.scrypt ?? DEFAULT_SCRYPT),
      recovery: wrapWithRecoveryKey(dataKey, recoveryBytes),
    };

    // Build the database under a temporary name and move it into place last, so a
    // crash part-way leaves no half-made vault at `path`.
    const building = `${path}.creating`;
    for (const stale of [building, `${building}-wal`, `${building}-shm`]) rmSync(stale, { force: true });
    const database = openEncryptedDatabase(building, dataKey, { ...options, access: 'create' });
    // Owner-only, like the key file; SQLite gives its -wal and -shm files the same mode.
    chmodSync(building, 0o600);
    try {
      migrate(database, options.now, { newVault: true });
      const now = (options.now ?? (() => new Date()))();
      database.transaction(() => {
        const meta = database.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?)');
        meta.run('created_at', now.toISOString());
        meta.run('created_by_version', APP_VERSION);
        if (reviewerName) {
          database
            .prepare('INSERT INTO setting (key, value) VALUES (?, ?)')
            .run('reviewerName', JSON.stringify(reviewerName));
        }
        appendAudit(database, reviewerName || defaultActor(), { entity: 'vault', action: 'created' }, now);
      })();
    } finally {
      database.close();
    }
    writeKeyEnvelope(path, envelope);
    renameSync(building, path);
    syncDirectory(dirname(path));

    const vault = Vault.open(path, dataKey, 'passphrase', options);
    return { vault, recoveryKey: formatRecoveryKey(recoveryBytes) };
  }

  /**
   * Opens an existing vault. By default it is opened to write, and the unlock is
   * recorded in the audit log. `readOnly` opens it without writing anything at all
   * (no "unlocked" row, no WAL switch): a read then works on read-only media, on a
   * full disk and while another process writes. The audit log records changes, not
   * reads; a read-only CLI command leaving no row is what lets it run there.
   */
  static async unlock(
    path: string,
    secret: VaultSecret,
    options: VaultOptions & { readOnly?: boolean } = {},
  ): Promise<Vault> {
    // A missing file, a folder or an emptied file is answered before the slow passphrase check.
    checkVaultFile(path);
    if (!existsSync(keyFilePath(path))) {
      throw new CasebookError(
        'not_a_vault',
        notAVaultMessage(
          path,
          `it has no key file (${basename(keyFilePath(path))}) beside it; if it is a vault, restore its key file from a backup`,
        ),
      );
    }
    const dataKey = await unwrapSecret(readKeyEnvelope(path), secret);
    if (!dataKey) throw new CasebookError('wrong_passphrase', WRONG_PASSPHRASE_MESSAGE);
    const method = 'passphrase' in secret ? 'passphrase' : 'recoveryKey';
    const vault = Vault.open(path, dataKey, method, options, options.readOnly ? 'read' : 'write');
    if (options.readOnly) return vault;
    try {
      vault.write(
        { entity: 'vault', action: method === 'passphrase' ? 'unlocked' : 'unlocked with recovery key' },
        () => undefined,
      );
    } catch (error) {
      vault.close();
      throw error;
    }
    return vault;
  }

  private static open(
    path: string,
    dataKey: Buffer,
    method: 'passphrase' | 'recoveryKey',
    options: VaultOptions,
    access: 'read' | 'write' = 'write',
  ): Vault {
    if (access === 'read') {
      const database = openEncryptedDatabase(path, dataKey, { ...options, access: 'read' });
      try {
        if (pendingMigrations(database).length === 0) return new Vault(path, database, dataKey, method, options);
      } catch (error) {
        database.close();
        throw error;
      }
      // Written by an older Casebook: bringing its schema up to date is a write, once.
      database.close();
    }
    const database = openEncryptedDatabase(path, dataKey, options);
    try {
      migrate(database, options.now);
    } catch (error) {
      database.close();
      throw error;
    }
    return new Vault(path, database, dataKey, method, options);
  }

  /**
   * Replaces the vault at `path` (damaged, or simply to go back) with the backup at
   * `backupPath`, and returns the restored vault unlocked. The backup must open with
   * `secret` and pass the checks first; the vault it replaces is kept beside it as
   * `<vault>.before-restore-<time>` (with its key file), never deleted.
   */
  static async restore(
    path: string,
    backupPath: string,
    secret: VaultSecret,
    options: VaultOptions = {},
  ): Promise<{ vault: Vault; previous: string | null }> {
    // Checked as the copy that will become the vault, so the backup file itself is never
    // touched (an older backup is brought up to date on the copy, not in place).
    const copy = placeBackupCopy(backupPath, path);
    try {
      const candidate = await Vault.unlock(copy.path, secret, { ...options, readOnly: true });
      try {
        checkPages(candidate.database);
        const chain = verifyAuditChain(candidate.database);
        if (!chain.ok) {
          throw new CasebookError(
            'vault_damaged',
            `that backup's audit log is broken at entry ${chain.firstBrokenSeq}`,
          );
        }
      } finally {
        candidate.close();
      }
    } catch (error) {
      copy.discard();
      throw error;
    }
    const previous = moveVaultAside(path, (options.now ?? (() => new Date()))());
    copy.commit();
    const vault = await Vault.unlock(path, secret, options);
    vault.write(
      { entity: 'vault', action: 'restored from backup', detail: { backup: basename(backupPath), previous } },
      () => undefined,
    );
    return { vault, previous: previous && basename(previous) };
  }

  /** Writes a backup of this vault to `target` (a new file) and its key file beside it; audited. */
  backup(target: string): BackupMade {
    const made = writeBackup(this.database, this.dataKey, this.path, target);
    this.write({ entity: 'vault', action: 'backed up', detail: { file: basename(target) } }, () => undefined);
    return made;
  }

  /** The automatic backup, when one is due (see db/backup.ts AUTOMATIC_BACKUPS); null when not. */
  automaticBackup(now = new Date()): BackupMade | null {
    const made = automaticBackup(this.database, this.dataKey, this.path, now);
    if (made) {
      this.write(
        { entity: 'vault', action: 'backed up', detail: { file: basename(made.path), automatic: true } },
        () => undefined,
      );
    }
    return made;
  }

  /** Whether `secret` opens this vault: asked again of an app that is already unlocked. */
  async opensWith(secret: VaultSecret): Promise<boolean> {
    const dataKey = await unwrapSecret(readKeyEnvelope(this.path), secret);
    const opens = dataKey !== null && timingSafeEqual(dataKey, this.dataKey);
    dataKey?.fill(0);
    return opens;
  }

  /** How this unlock was proven; after a recovery-key unlock the person should choose a new passphrase. */
  get unlockedWith(): 'passphrase' | 'recoveryKey' {
    return this.method;
  }

  /** Who the audit log names: the reviewer's name from Settings, or the computer account. */
  actor(): string {
    return readSettings(this.database, defaultActor()).reviewerName;
  }

  /** Every change to vault data goes through here: the change and its audit row commit together. */
  write<T>(change: AuditChange | ((result: T) => AuditChange), write: () => T): T {
    return writeAudited(this.database, this.actor(), change, write);
  }

  /**
   * A long write (a 100,000-row import) in one transaction that pauses between
   * steps, so the process can answer, stream progress and stay responsive while
   * it runs. Commits with its audit row, or rolls back whole on any error. The
   * caller must keep other writes out until it settles (VaultSession.exclusive).
   */
  async writeInSteps<T>(
    change: AuditChange | ((result: T) => AuditChange),
    work: (pause: () => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const { database } = this;
    database.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(() => new Promise((resolve) => setImmediate(resolve)));
      appendAudit(database, this.actor(), typeof change === 'function' ? change(result) : change);
      database.exec('COMMIT');
      return result;
    } catch (error) {
      if (database.open && database.inTransaction) database.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Accepts the current passphrase or the recovery key. Only the small key file is
   * rewritten: the data key, the database and the recovery key stay as they are, so
   * an old copy of the key file still opens the vault with the old passphrase
   * (re-key the vault to end that).
   */
  async changePassphrase(current: string, next: string): Promise<void> {
    const envelope = readKeyEnvelope(this.path);
    await this.prove(current);
    const assessment = assessPassphrase(next);
    if (!assessment.acceptable) throw new CasebookError('weak_passphrase', weakPassphraseMessage(assessment));
    const passphrase = await wrapWithPassphrase(this.dataKey, next, this.options.scrypt ?? DEFAULT_SCRYPT);
    this.replaceKeyFile({ entity: 'vault', action: 'passphrase changed' }, envelope, { ...envelope, passphrase });
    this.method = 'passphrase';
  }

  /**
   * A new recovery key for this vault, shown once; the old one stops opening it
   * through the current key file (an older copy of the key file still takes it:
   * re-key the vault if one may exist).
   */
  async replaceRecoveryKey(current: string): Promise<string> {
    const envelope = readKeyEnvelope(this.path);
    await this.prove(current);
    const recoveryBytes = secretBytes(RECOVERY_KEY_BYTES);
    try {
      const recovery = wrapWithRecoveryKey(this.dataKey, recoveryBytes);
      this.replaceKeyFile({ entity: 'vault', action: 'recovery key replaced' }, envelope, { ...envelope, recovery });
      return formatRecoveryKey(recoveryBytes);
    } finally {
      recoveryBytes.fill(0);
    }
  }

  /**
   * Re-keys the vault after a suspected compromise: a new data key, the database
   * re-encrypted under it, the new passphrase and a new recovery key (returned, to
   * show once). Every earlier copy of the key file, passphrase and recovery key
   * stops opening the vault. The caller keeps other work out meanwhile
   * (VaultSession.exclusive): the database is rewritten whole.
   *
   * Crash safety. The database's re-encryption is one SQLite transaction, and it is
   * the single commit point:
   *   1. the new key file is written whole as `<vault>.keys.next`, naming the salt
   *      the re-encrypted database will carry;
   *   2. the database is re-encrypted under the new key with that salt (commit);
   *   3. `<vault>.keys.next` is renamed over `<vault>.keys`.
   * A crash before 2 commits leaves a hot journal or the old salt, so the next
   * unlock deletes `.keys.next` and the old key set still opens the vault; a crash
   * after it leaves the new salt, so the next unlock finishes step 3 and only the new
   * key set opens it (key-envelope.ts settlePendingKeyFile). Renaming the key file
   * first instead would, after a crash, leave `.keys` naming a key the database does
   * not have yet, with the only copy of the old one gone.
   * The audit row follows the commit (it is written under the new key); a crash in
   * that instant leaves the re-key done but unrecorded.
   */
  async rekey(current: string, next: string): Promise<string> {
    const envelope = readKeyEnvelope(this.path);
    await this.prove(current);
    const assessment = assessPassphrase(next);
    if (!assessment.acceptable) throw new CasebookError('weak_passphrase', weakPassphraseMessage(assessment));
    if (this.database.inTransaction) throw new CasebookError('conflict', 'a change is still being saved; try again');
    const dataKey = secretBytes(DATA_KEY_BYTES);
    const recoveryBytes = secretBytes(RECOVERY_KEY_BYTES);
    const databaseSalt = randomBytes(16);
    try {
      writePendingKeyEnvelope(this.path, {
        ...envelope,
        passphrase: await wrapWithPassphrase(dataKey, next, this.options.scrypt ?? DEFAULT_SCRYPT),
        recovery: wrapWithRecoveryKey(dataKey, recoveryBytes),
        databaseSalt: databaseSalt.toString('base64'),
      });
      try {
        this.reencrypt(dataKey, databaseSalt);
      } catch (error) {
        // The re-encryption rolled back; settling deletes the key file it would have needed.
        settlePendingKeyFile(this.path);
        throw error;
      }
      this.dataKey.set(dataKey);
      this.method = 'passphrase';
      try {
        this.write({ entity: 'vault', action: 're-keyed' }, () => undefined);
      } finally {
        commitPendingKeyEnvelope(this.path);
      }
      return formatRecoveryKey(recoveryBytes);
    } finally {
      dataKey.fill(0);
      recoveryBytes.fill(0);
    }
  }

  private reencrypt(dataKey: Buffer, salt: Buffer): void {
    const { database } = this;
    // SQLite3MultipleCiphers cannot re-key in WAL mode; in rollback-journal mode the
    // re-encryption is one transaction that a crash rolls back under the old key.
    if (database.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') {
      throw new CasebookError('conflict', 'the vault is in use elsewhere; close other Casebook windows and try again');
    }
    try {
      const rawKey = sqlcipherRawKey(dataKey, salt);
      try {
        database.rekey(rawKey);
      } finally {
        rawKey.fill(0);
      }
    } finally {
      database.pragma('journal_mode = WAL');
    }
  }

  /** Throws unless `secret`, the passphrase or the recovery key, opens this vault. */
  private async prove(secret: string): Promise<void> {
    if ((await this.opensWith({ passphrase: secret })) || (await this.opensWith({ recoveryKey: secret }))) return;
    throw new CasebookError('wrong_passphrase', 'the current passphrase or recovery key is not right');
  }

  /**
   * Replaces the key file and records it in the audit log as one change: the row is
   * written in an open transaction, the key file replaced, then the transaction
   * committed. If the key file cannot be written the row rolls back; if the commit
   * fails the old key file is put back. Only a crash in the instant between the
   * rename and the commit could part them.
   */
  private replaceKeyFile(change: AuditChange, previous: KeyEnvelope, next: KeyEnvelope): void {
    const { database } = this;
    let replaced = false;
    try {
      database
        .transaction(() => {
          appendAudit(database, this.actor(), change);
          writeKeyEnvelope(this.path, next);
          replaced = true;
        })
        .immediate();
    } catch (error) {
      if (replaced) writeKeyEnvelope(this.path, previous);
      throw error;
    }
  }

  /** Locks: closes the database and wipes the data key. */
  close(): void {
    if (this.database.open) this.database.close();
    this.dataKey.fill(0);
  }
}

/** Random key material in a Buffer of its own (see secretBuffer), to wipe after use. */
function secretBytes(length: number): Buffer {
  return randomFillSync(secretBuffer(length));
}

/** The data key the passphrase or recovery key unwraps, or null when it is not the right one. */
async function unwrapSecret(envelope: KeyEnvelope, secret: VaultSecret): Promise<Buffer | null> {
  if ('passphrase' in secret) return unwrapWithPassphrase(envelope, secret.passphrase);
  const recoveryBytes = parseRecoveryKey(secret.recoveryKey);
  const dataKey = recoveryBytes ? unwrapWithRecoveryKey(envelope, recoveryBytes) : null;
  recoveryBytes?.fill(0);
  return dataKey;
}

/** What repositories need of a vault: its database, audited writes and who is writing. */
export type VaultWriter = Pick<Vault, 'database' | 'write' | 'writeInSteps' | 'actor'>;

export function defaultActor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
