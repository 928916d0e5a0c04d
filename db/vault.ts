import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname } from 'node:path';
import { CasebookError, cannotWriteMessage, notAVaultMessage, WRONG_PASSPHRASE_MESSAGE } from '../shared/api/errors.js';
import { assessPassphrase, weakPassphraseMessage } from '../shared/passphrase.js';
import { formatRecoveryKey, parseRecoveryKey, RECOVERY_KEY_BYTES } from '../shared/recovery-key.js';
import { APP_VERSION } from '../shared/version.js';
import { type AuditChange, appendAudit, writeAudited } from './audit.js';
import { type ConnectionOptions, checkVaultFile, openEncryptedDatabase } from './connection.js';
import {
  DATA_KEY_BYTES,
  DEFAULT_SCRYPT,
  type KeyEnvelope,
  keyFilePath,
  readKeyEnvelope,
  syncDirectory,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  wrapWithPassphrase,
  wrapWithRecoveryKey,
  writeKeyEnvelope,
} from './key-envelope.js';
import { migrate, pendingMigrations } from './migrate.js';
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
    const dataKey = randomBytes(DATA_KEY_BYTES);
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
        appendAudit(database, defaultActor(), { entity: 'vault', action: 'created' }, now);
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

  /** Whether `secret` opens this vault: asked again of an app that is already unlocked. */
  async opensWith(secret: VaultSecret): Promise<boolean> {
    const dataKey = await unwrapSecret(readKeyEnvelope(this.path), secret);
    return dataKey !== null && timingSafeEqual(dataKey, this.dataKey);
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
   * rewritten: the data key, the database and the recovery key stay as they are.
   */
  async changePassphrase(current: string, next: string): Promise<void> {
    const envelope = readKeyEnvelope(this.path);
    let proven = await unwrapWithPassphrase(envelope, current);
    if (!proven) {
      const recoveryBytes = parseRecoveryKey(current);
      proven = recoveryBytes ? unwrapWithRecoveryKey(envelope, recoveryBytes) : null;
    }
    if (!proven || !timingSafeEqual(proven, this.dataKey)) {
      throw new CasebookError('wrong_passphrase', 'the current passphrase or recovery key is not right');
    }
    const assessment = assessPassphrase(next);
    if (!assessment.acceptable) throw new CasebookError('weak_passphrase', weakPassphraseMessage(assessment));
    const passphrase = await wrapWithPassphrase(this.dataKey, next, this.options.scrypt ?? DEFAULT_SCRYPT);
    writeKeyEnvelope(this.path, { ...envelope, passphrase });
    this.method = 'passphrase';
    this.write({ entity: 'vault', action: 'passphrase changed' }, () => undefined);
  }

  close(): void {
    if (this.database.open) this.database.close();
    this.dataKey.fill(0);
  }
}

/** The data key the passphrase or recovery key unwraps, or null when it is not the right one. */
async function unwrapSecret(envelope: KeyEnvelope, secret: VaultSecret): Promise<Buffer | null> {
  if ('passphrase' in secret) return unwrapWithPassphrase(envelope, secret.passphrase);
  const recoveryBytes = parseRecoveryKey(secret.recoveryKey);
  return recoveryBytes ? unwrapWithRecoveryKey(envelope, recoveryBytes) : null;
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
